package io.dualcache.redis;

import io.dualcache.engine.DualCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Node B of {@link SecondJvmTest}: a second JVM process sharing caches with the test's JVM through
 * one {@link RedisSharing}. Arguments: the Redis URI and the key prefix. It reads one command a
 * line on stdin and answers each with one line on stdout that starts with {@code =} (anything else
 * the JVM prints goes to stderr):
 *
 * <ul>
 *   <li>{@code get k}, {@code peek k} (the near copy), {@code put k v}, {@code remove k} on the
 *       String cache {@code kv}; a missing value answers {@code =null};
 *   <li>{@code cget k}, {@code cpeek k}, {@code cput k n} on the Long cache {@code counters};
 *       {@code incr k} increments {@code k} once with {@code update} and answers the new value;
 *       {@code incr k n t} runs {@code n} increments in each of {@code t} threads, then {@code
 *       =ok};
 *   <li>{@code quit} closes the sharing and exits; so does the end of stdin (the test JVM died).
 * </ul>
 *
 * It answers {@code =ready} once connected, and {@code =error <exception>} for a failed command.
 */
public final class SecondJvmNode {
  private SecondJvmNode() {}

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err); // only protocol lines on stdout
    RedisSharing sharing =
        RedisSharing.builder(args[0])
            .keyPrefix(args[1])
            .clientName(args[1] + "-b")
            .commandTimeout(Duration.ofSeconds(5))
            .build();
    SharedCache<String, String> kv =
        sharing.cache("kv", DualCache.<String, String>builder().maximumSize(1000));
    SharedCache<String, Long> counters =
        sharing.cache("counters", DualCache.<String, Long>builder().maximumSize(1000));
    out.println("=ready");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = in.readLine()) != null) {
        String[] w = line.trim().split(" ");
        if (w[0].equals("quit")) {
          out.println("=bye");
          break;
        }
        String answer;
        try {
          answer = run(w, kv, counters);
        } catch (Exception | AssertionError e) {
          answer = "error " + e;
        }
        out.println("=" + answer);
      }
    } finally {
      sharing.close();
    }
    System.exit(0);
  }

  private static String run(
      String[] w, SharedCache<String, String> kv, SharedCache<String, Long> counters)
      throws Exception {
    return switch (w[0]) {
      case "get" -> String.valueOf(kv.get(w[1]));
      case "peek" -> String.valueOf(kv.peekNear(w[1]));
      case "put" -> {
        kv.put(w[1], w[2]);
        yield "ok";
      }
      case "remove" -> String.valueOf(kv.remove(w[1]));
      case "cget" -> String.valueOf(counters.get(w[1]));
      case "cpeek" -> String.valueOf(counters.peekNear(w[1]));
      case "cput" -> {
        counters.put(w[1], Long.parseLong(w[2]));
        yield "ok";
      }
      case "incr" ->
          w.length == 2
              ? String.valueOf(counters.update(w[1], SecondJvmNode::plusOne))
              : incrementInThreads(counters, w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]));
      default -> "error unknown command " + String.join(" ", w);
    };
  }

  static Long plusOne(Long v) {
    return v == null ? 1L : v + 1;
  }

  private static String incrementInThreads(
      SharedCache<String, Long> counters, String key, int n, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < n; i++) {
                    counters.update(key, SecondJvmNode::plusOne);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return "ok";
  }
}
