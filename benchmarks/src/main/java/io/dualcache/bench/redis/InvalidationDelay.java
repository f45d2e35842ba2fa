package io.dualcache.bench.redis;

import io.dualcache.engine.DualCache;
import io.dualcache.redis.RedisSharing;
import io.dualcache.redis.SharedCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long another node may still read the old value after a write returned, on loopback. Two
 * {@link RedisSharing} instances (nodes A and B) on one fresh {@code redis-server}, one cache of
 * the same name each. A sample: B reads key k (so that its near cache holds the current value,
 * checked with {@code peekNear}); A puts a new value and returns; from that moment one thread
 * spin-polls {@code B.peekNear(k)} ({@link Thread#onSpinWait} between polls) until it no longer
 * returns the old value. The delay is from A's {@code put} returning to the first poll that saw the
 * old copy gone; A's put latency, and the time from calling A's put to the copy gone, are recorded
 * beside it. Keys cycle over 1,024 Integers. {@code -Dpoll=yield} polls with {@link Thread#yield}
 * instead (on a 2-core machine a spinning poller takes a core from the threads that deliver the
 * push).
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar io.dualcache.bench.redis.InvalidationDelay
 * [samples=20000] [warmup=2000] [out.md] [samples.csv]}. Prints (and writes) a markdown table of
 * p50, p90, p99, p99.9 and max.
 */
public final class InvalidationDelay {

  private static final int KEYS = 1024;
  private static final long GIVE_UP_NANOS = 1_000_000_000L;

  private InvalidationDelay() {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path out = args.length > 2 ? Path.of(args[2]) : null;
    Path csv = args.length > 3 ? Path.of(args[3]) : null;

    long[] delay = new long[samples];
    long[] putLatency = new long[samples];
    long[] fromCall = new long[samples];
    boolean yield = "yield".equals(System.getProperty("poll", "spin"));
    int timedOut = 0;
    int refillRetries = 0;
    String started = Instant.now().toString();
    try (RedisServer server = RedisServer.start();
        RedisSharing a = RedisSharing.builder(server.uri()).keyPrefix("bench").build();
        RedisSharing b = RedisSharing.builder(server.uri()).keyPrefix("bench").build()) {
      SharedCache<Integer, String> cacheA =
          a.cache("delay", DualCache.<Integer, String>builder().maximumSize(2 * KEYS));
      SharedCache<Integer, String> cacheB =
          b.cache("delay", DualCache.<Integer, String>builder().maximumSize(2 * KEYS));
      Integer[] keys = new Integer[KEYS];
      for (int i = 0; i < KEYS; i++) {
        keys[i] = i;
        cacheA.put(keys[i], "v0-" + i);
      }
      for (int n = -warmup; n < samples; n++) {
        Integer key = keys[Math.floorMod(n, KEYS)];
        // B holds the current value in its near cache (a near miss fills it from Redis).
        String old = cacheB.get(key);
        for (int tries = 0; cacheB.peekNear(key) == null; tries++) {
          if (tries > 1000) {
            throw new IllegalStateException("node B never cached key " + key);
          }
          refillRetries++;
          old = cacheB.get(key);
        }
        String next = "v" + (n + warmup + 1) + "-" + key;
        long before = System.nanoTime();
        cacheA.put(key, next);
        long returned = System.nanoTime();
        long seen;
        while (true) {
          String v = cacheB.peekNear(key);
          seen = System.nanoTime();
          if (v != old && (v == null || !v.equals(old))) {
            break;
          }
          if (seen - returned > GIVE_UP_NANOS) {
            break;
          }
          if (yield) {
            Thread.yield();
          } else {
            Thread.onSpinWait();
          }
        }
        if (n >= 0) {
          delay[n] = seen - returned;
          putLatency[n] = returned - before;
          fromCall[n] = seen - before;
          if (seen - returned > GIVE_UP_NANOS) {
            timedOut++;
          }
        }
      }
    }

    String table =
        table(
            delay,
            putLatency,
            fromCall,
            samples,
            warmup,
            timedOut,
            refillRetries,
            started + (yield ? ", poll: Thread.yield()" : ", poll: Thread.onSpinWait()"));
    System.out.print(table);
    if (out != null) {
      Files.writeString(out, table, StandardCharsets.UTF_8);
    }
    if (csv != null) {
      writeCsv(csv, delay, putLatency);
    }
  }

  private static String table(
      long[] delay,
      long[] put,
      long[] fromCall,
      int samples,
      int warmup,
      int timedOut,
      int refillRetries,
      String started) {
    long[] d = delay.clone();
    long[] p = put.clone();
    long[] f = fromCall.clone();
    Arrays.sort(d);
    Arrays.sort(p);
    Arrays.sort(f);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Invalidation delay on loopback, %,d samples after %,d warm-up, started %s%n"
                + "(timed out after 1 s: %d; refills of B that needed a second read: %d)%n%n",
            samples,
            warmup,
            started,
            timedOut,
            refillRetries));
    b.append("| µs | p50 | p90 | p99 | p99.9 | max | mean |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    b.append(row("delay: A's put returned → B's near copy gone", d));
    b.append(row("A's put (SET round trip + near update)", p));
    b.append(row("A's put called → B's near copy gone", f));
    long within2ms = Arrays.stream(d).filter(x -> x <= 2_000_000L).count();
    b.append(
        String.format(
            Locale.ROOT,
            "%nSamples with delay ≤ 2 ms: %.3f%%%n",
            100.0 * within2ms / Math.max(1, d.length)));
    return b.toString();
  }

  private static String row(String label, long[] sorted) {
    double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
    return String.format(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
        label,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        pct(sorted, 0.999),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
        mean);
  }

  /** The nearest-rank percentile, in microseconds. */
  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
  }

  private static void writeCsv(Path csv, long[] delay, long[] put) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
      w.println("sample,delay_ns,put_ns");
      for (int i = 0; i < delay.length; i++) {
        w.println(i + "," + delay[i] + "," + put[i]);
      }
    }
  }
}
