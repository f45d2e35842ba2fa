package io.dualcache.bench.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away {@code redis-server} on a free loopback port, without persistence ({@code --save ""
 * --appendonly no}), for one benchmark trial. {@link #close} stops it; a shutdown hook stops it too
 * if the JVM exits without reaching the benchmark's tear-down (a failed setup, a killed fork).
 * Needs {@code redis-server} on the PATH (Debian's package), or its path in {@code -Dredis.server}.
 */
public final class RedisServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread hook;

  private RedisServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.hook = new Thread(process::destroyForcibly, "redis-server-" + port + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server on a free port and waits until it answers PING; tries three ports. */
  public static RedisServer start() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path log;
      Process process;
      try {
        log = Files.createTempFile("bench-redis-" + port + "-", ".log");
        process =
            new ProcessBuilder(
                    List.of(
                        System.getProperty("redis.server", "redis-server"),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start redis-server (is it installed?)", e);
      }
      RedisServer server = new RedisServer(process, port, log);
      try {
        server.awaitPing();
        return server;
      } catch (IOException e) {
        last = e;
        server.close(); // port taken between the probe and the start, or a slow start: retry
      }
    }
    throw new IllegalStateException("redis-server did not come up on three ports", last);
  }

  /** {@code redis://127.0.0.1:<port>/0}. */
  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public int port() {
    return port;
  }

  /** Sends one inline command (e.g. {@code FLUSHALL}) and returns the first reply line. */
  public String command(String inline) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return readLine(s.getInputStream());
    }
  }

  /**
   * Calls per command so far, from {@code INFO commandstats} (e.g. {@code get -> 16384}); used to
   * prove that a "near hit" benchmark sent no reads to Redis.
   */
  public Map<String, Long> commandCalls() throws IOException {
    Map<String, Long> calls = new TreeMap<>();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("INFO commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IOException("unexpected INFO reply: " + header);
      }
      byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
      for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
        // cmdstat_get:calls=3,usec=...
        if (line.startsWith("cmdstat_")) {
          int colon = line.indexOf(':');
          int eq = line.indexOf("calls=");
          int comma = line.indexOf(',', eq);
          calls.put(
              line.substring("cmdstat_".length(), colon),
              Long.parseLong(line.substring(eq + "calls=".length(), comma)));
        }
      }
    }
    return calls;
  }

  /** The commands whose call count grew from {@code before} to now (INFO itself left out). */
  public Map<String, Long> callsSince(Map<String, Long> before) throws IOException {
    Map<String, Long> grown = new TreeMap<>();
    for (Map.Entry<String, Long> e : commandCalls().entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0 && !e.getKey().equals("info")) {
        grown.put(e.getKey(), d);
      }
    }
    return grown;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void awaitPing() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + tail());
      }
      try {
        if ("+PONG".equals(command("PING"))) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("redis-server on port " + port + " did not answer PING: " + tail(), last);
  }

  private String tail() {
    try {
      String text = Files.readString(log);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its log. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run: harmless
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file left behind
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
