package io.dualcache.it.hibernate;

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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real {@code redis-server} on a free loopback port, without persistence, in a temporary
 * directory of its own. {@link #close()} kills it; a shutdown hook kills it too if the test JVM
 * ends without closing it.
 */
final class RedisServer implements AutoCloseable {

  private final int port;
  private final Path dir;
  private final Process process;
  private final Thread hook;

  private RedisServer(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
    this.hook = new Thread(process::destroyForcibly, "redis-server-killer");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server and waits (at most 10 s) until it answers PING. */
  static RedisServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("dualcache-it-redis-");
    Path log = dir.resolve("redis.log");
    Process process =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RedisServer server = new RedisServer(port, dir, process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.answersPing()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        server.close();
        throw new IllegalStateException(
            "redis-server did not answer PING on port " + port + ": " + Files.readString(log));
      }
      Thread.sleep(10);
    }
    return server;
  }

  /** The URI the provider's {@code redis} block takes. */
  String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && reply.length() < 200) {
        reply.append((char) c);
        if (reply.indexOf("PONG") >= 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the server and waits (at most 10 s) until it has exited. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  @Override
  public String toString() {
    return "RedisServer[127.0.0.1:" + port + ", " + dir + "]";
  }

  /**
   * Waits until {@code condition} holds, at most {@code timeout}, and returns how long that took;
   * fails naming {@code what} when the deadline passes.
   */
  static Duration await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(1);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
