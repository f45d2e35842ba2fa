package io.dualcache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on a free loopback port, with a password (so that tests can check it never
 * leaks), no persistence, stopped by {@link #close()} (and by a shutdown hook if a test run dies).
 */
final class RedisServer implements AutoCloseable {
  static final String PASSWORD = "pw-s3cret-42";

  final int port;
  private final Path dir;
  private Process process;
  private final Thread hook;

  RedisServer() throws IOException, InterruptedException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    dir = Files.createTempDirectory("dualcache-redis-");
    hook = new Thread(this::kill);
    Runtime.getRuntime().addShutdownHook(hook);
    start();
  }

  String uri() {
    return "redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0";
  }

  /** A plain Lettuce client, as any other application would use. */
  RedisClient outsideClient() {
    RedisClient client = RedisClient.create(uri());
    return client;
  }

  static StatefulRedisConnection<String, String> connect(RedisClient client) {
    return client.connect();
  }

  synchronized void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--enable-debug-command",
                "local", // DEBUG SET-ACTIVE-EXPIRE, for tests of TTLs without active expiry
                "--requirepass",
                PASSWORD,
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answersPing()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        kill();
        throw new IllegalStateException(
            "redis-server did not answer PING on port "
                + port
                + ": "
                + Files.readString(dir.resolve("redis.log")));
      }
      Thread.sleep(10);
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write(("AUTH " + PASSWORD + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        reply.append((char) c);
        if (reply.indexOf("PONG") >= 0) {
          return true;
        }
        if (reply.length() > 200) {
          return false;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the server (its data is gone: no persistence) and waits until it exited. */
  synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void kill() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down
    }
  }

  /** Waits until {@code condition} holds, at most {@code timeout}; fails naming {@code what}. */
  static long await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.onSpinWait();
    }
    return System.nanoTime() - start;
  }
}
