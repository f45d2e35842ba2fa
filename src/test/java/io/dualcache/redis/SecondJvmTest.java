package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node A (this JVM) and node B (a second JVM process, {@link SecondJvmNode}, driven over its
 * stdin/stdout) share caches through one real Redis: a write on one node that returned is seen by
 * the other node's next reads within a deadline, although that node held the old value in its near
 * cache; increments raced from both JVMs are all counted.
 */
class SecondJvmTest {
  /** How long the other node may take to see a write (the invalidation push); generous: loaded. */
  private static final Duration SEEN = Duration.ofSeconds(5);

  /** How long one answer of node B may take. */
  private static final Duration ANSWER = Duration.ofSeconds(20);

  private static final Duration TEST = Duration.ofSeconds(30);
  private static final AtomicInteger APPS = new AtomicInteger();

  private static RedisServer server;

  private final String app = "jvm" + APPS.incrementAndGet();
  private RedisSharing sharing;
  private SecondJvm b;

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @BeforeEach
  void startNodes() throws Exception {
    sharing =
        RedisSharing.builder(server.uri())
            .keyPrefix(app)
            .clientName(app + "-a")
            .commandTimeout(Duration.ofSeconds(5))
            .build();
    b = new SecondJvm(server.uri(), app);
  }

  @AfterEach
  void stopNodes() throws Exception {
    try {
      if (b != null) {
        b.kill();
      }
    } finally {
      if (sharing != null) {
        sharing.close();
      }
    }
  }

  private SharedCache<String, String> kv() {
    return sharing.cache("kv", DualCache.<String, String>builder().maximumSize(1000));
  }

  private SharedCache<String, Long> counters() {
    return sharing.cache("counters", DualCache.<String, Long>builder().maximumSize(1000));
  }

  @Test
  void aPutOnASeenByBWhoseNearCacheHeldTheOldValue() {
    assertTimeoutPreemptively(
        TEST,
        () -> {
          SharedCache<String, String> a = kv();
          b.ready();
          for (int round = 0; round < 20; round++) {
            String old = "old" + round;
            String now = "new" + round;
            a.put("k", old);
            // B reads until its near cache holds the old value (a fill racing the invalidation
            // of the previous round's write is not installed: retry).
            b.awaitNear("", "k", old, SEEN);
            assertEquals(old, b.ask("get k"), "a near hit");

            a.put("k", now);
            long returned = System.nanoTime();
            b.awaitAnswer("get k", now::equals, "B reads " + now + " after A's put returned", SEEN);
            long delay = System.nanoTime() - returned;
            // Once seen, never the old value again.
            for (int i = 0; i < 3; i++) {
              assertEquals(now, b.ask("get k"), "B after it saw " + now);
            }
            assertEquals(now, a.get("k"));
            if (round == 0) {
              System.out.printf(
                  "SecondJvmTest: A's put returned -> B (other JVM) reads it: %.3f ms"
                      + " (includes the stdin/stdout round trips)%n",
                  delay / 1e6);
            }
          }
        });
  }

  @Test
  void aRemoveOnASeenByBWhoseNearCacheHeldTheValue() {
    assertTimeoutPreemptively(
        TEST,
        () -> {
          SharedCache<String, String> a = kv();
          b.ready();
          for (int round = 0; round < 20; round++) {
            String value = "v" + round;
            a.put("r", value);
            b.awaitNear("", "r", value, SEEN);

            assertTrue(a.remove("r"));
            b.awaitAnswer("get r", "null"::equals, "B sees the removal of " + value, SEEN);
            assertEquals("null", b.ask("get r"));
            // B's reads skip its near copy from the moment the push arrives; the copy itself is
            // dropped by B's worker a moment later (peek shows the raw near cache).
            b.awaitAnswer("peek r", "null"::equals, "B's worker drops its copy of " + value, SEEN);
            assertNull(a.get("r"));
          }
        });
  }

  @Test
  void anUpdateOnBSeenByAWhoseNearCacheHeldTheOldValue() {
    assertTimeoutPreemptively(
        TEST,
        () -> {
          SharedCache<String, Long> a = counters();
          b.ready();
          a.put("c", 100L);
          for (long expected = 101; expected <= 120; expected++) {
            long old = expected - 1;
            RedisServer.await(
                "A's near cache holds " + old,
                SEEN,
                () ->
                    Long.valueOf(old).equals(a.get("c"))
                        && Long.valueOf(old).equals(a.peekNear("c")));
            assertEquals(
                Long.toString(expected), b.ask("incr c"), "B's update returns the new value");
            long e = expected;
            RedisServer.await("A reads " + e, SEEN, () -> Long.valueOf(e).equals(a.get("c")));
            assertEquals(e, a.get("c"));
            b.awaitAnswer("cget c", Long.toString(e)::equals, "B reads its own update", SEEN);
          }
          // And A's update is seen by B, whose near cache holds 120.
          b.awaitNear("c", "c", "120", SEEN);
          assertEquals(121L, a.update("c", SecondJvmNode::plusOne));
          b.awaitAnswer("cget c", "121"::equals, "B reads A's update", SEEN);
        });
  }

  @Test
  void incrementsRacedFromBothJvmsEndAtTheExactCount() {
    assertTimeoutPreemptively(
        TEST,
        () -> {
          SharedCache<String, Long> a = counters();
          b.ready();
          int perThread = 150;
          int threads = 2;
          // Both nodes hold a near copy of the counter first, so that stale copies would show.
          a.put("race", 0L);
          b.awaitAnswer("cget race", "0"::equals, "B reads 0", SEEN);
          assertEquals(0L, a.get("race"));

          ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
          try {
            Future<String> remote =
                pool.submit(() -> b.ask("incr race " + perThread + " " + threads));
            List<Future<?>> local = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              local.add(
                  pool.submit(
                      () -> {
                        for (int i = 0; i < perThread; i++) {
                          a.update("race", SecondJvmNode::plusOne);
                        }
                        return null;
                      }));
            }
            for (Future<?> f : local) {
              f.get(TEST.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals("ok", remote.get(TEST.toSeconds(), TimeUnit.SECONDS));
          } finally {
            pool.shutdownNow();
          }
          long total = 2L * threads * perThread;
          RedisServer.await(
              "A reads " + total, SEEN, () -> Long.valueOf(total).equals(a.get("race")));
          b.awaitAnswer("cget race", Long.toString(total)::equals, "B reads " + total, SEEN);
          assertEquals(total, a.get("race"));
          assertEquals(Long.toString(total), b.ask("cget race"));
        });
  }

  /** Node B: the child JVM, its stdin, and its stdout lines read by a thread into a queue. */
  static final class SecondJvm {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;
    private final Thread reader;
    private boolean ready;

    SecondJvm(String uri, String prefix) throws IOException {
      log = Files.createTempFile("dualcache-second-jvm-", ".log");
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      process =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SecondJvmNode.class.getName(),
                  uri,
                  prefix)
              .redirectError(log.toFile())
              .start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("=")) {
                      answers.add(line.substring(1));
                    }
                  }
                } catch (IOException e) {
                  // the process is gone
                }
              },
              "second-jvm-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for the child's {@code =ready}. */
    void ready() throws Exception {
      if (!ready) {
        assertEquals("ready", next("startup"), "node B started");
        ready = true;
      }
    }

    /** Sends {@code command} and returns its answer, within {@link #ANSWER}. */
    String ask(String command) throws Exception {
      ready();
      stdin.write(command + "\n");
      stdin.flush();
      String answer = next(command);
      if (answer.startsWith("error")) {
        throw new AssertionError("node B failed '" + command + "': " + answer + stderr());
      }
      return answer;
    }

    /** Asks {@code command} until its answer satisfies {@code ok}, at most {@code within}. */
    String awaitAnswer(String command, Predicate<String> ok, String what, Duration within)
        throws Exception {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        String last = ask(command);
        if (ok.test(last)) {
          return last;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "timed out after " + within + " waiting until " + what + "; last answer: " + last);
        }
        Thread.sleep(1);
      }
    }

    /**
     * Reads {@code key} on B (cache kv, or counters with {@code cache} "c") until B's near cache
     * holds {@code value}: a fill that raced the invalidation of an earlier write is not installed,
     * so the first read may not be.
     */
    void awaitNear(String cache, String key, String value, Duration within) throws Exception {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        String read = ask(cache + "get " + key);
        String near = ask(cache + "peek " + key);
        if (value.equals(near)) {
          assertEquals(value, read, "B's read of " + key);
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "timed out after "
                  + within
                  + " waiting until B's near cache holds "
                  + key
                  + "="
                  + value
                  + "; B read "
                  + read
                  + ", its near copy is "
                  + near);
        }
        Thread.sleep(1);
      }
    }

    private String next(String command) throws Exception {
      String answer = answers.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        throw new AssertionError(
            "node B did not answer '"
                + command
                + "' within "
                + ANSWER
                + (process.isAlive() ? "" : " (exited: " + process.exitValue() + ")")
                + stderr());
      }
      return answer;
    }

    private String stderr() {
      try {
        String text = Files.readString(log);
        return text.isEmpty() ? "" : "; its stderr:\n" + text;
      } catch (IOException e) {
        return "";
      }
    }

    /** Asks the child to quit, then kills it whatever happened; waits until it is gone. */
    void kill() throws Exception {
      try {
        if (process.isAlive()) {
          try {
            stdin.write("quit\n");
            stdin.flush();
            stdin.close();
          } catch (IOException e) {
            // already gone
          }
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } finally {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(5));
        Files.deleteIfExists(log);
      }
    }
  }
}
