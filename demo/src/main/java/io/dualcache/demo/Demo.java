package io.dualcache.demo;

import io.dualcache.jcache.DualCacheConfiguration;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheLoader;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A JCache application as a user would write it: it finds the provider through {@code
 * Caching.getCachingProvider()}, creates a bounded read-through cache in front of a (simulated)
 * database, reads it from two threads with Zipf-distributed keys for about ten seconds, and prints
 * the throughput, the hit ratio and what the statistics MXBean says.
 */
public final class Demo {

  private static final int KEYS = 1_000_000;
  private static final int CACHE_SIZE = 50_000;
  private static final int THREADS = 2;
  private static final Duration RUN = Duration.ofSeconds(10);

  /** The "database": computes a row and counts how often it was asked. */
  public static final class Database implements CacheLoader<Long, String> {
    static final AtomicLong LOADS = new AtomicLong();

    @Override
    public String load(Long key) {
      LOADS.incrementAndGet();
      return "row-" + key;
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      Map<Long, String> rows = new java.util.HashMap<>();
      keys.forEach(k -> rows.put(k, load(k)));
      return rows;
    }
  }

  public static void main(String[] args) throws Exception {
    CachingProvider provider = Caching.getCachingProvider();
    System.out.println("provider: " + provider.getClass().getName());
    try (CacheManager manager = provider.getCacheManager()) {
      DualCacheConfiguration<Long, String> config =
          new DualCacheConfiguration<Long, String>().setMaximumSize(CACHE_SIZE);
      config
          .setTypes(Long.class, String.class)
          .setReadThrough(true)
          .setCacheLoaderFactory(FactoryBuilder.factoryOf(Database.class))
          .setStatisticsEnabled(true)
          .setManagementEnabled(true);
      Cache<Long, String> cache = manager.createCache("demo", config);
      System.out.printf(
          "cache 'demo': %,d entries at most, read-through, %,d keys, Zipf s=0.99, %d threads%n",
          CACHE_SIZE, KEYS, THREADS);

      long[] draws = zipfDraws(1 << 20, KEYS, 0.99, 42);
      LongAdder reads = new LongAdder();
      long start = System.nanoTime();
      long end = start + RUN.toNanos();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * 7919;
        Thread worker =
            new Thread(
                () -> {
                  int i = offset;
                  while (System.nanoTime() < end) {
                    for (int batch = 0; batch < 1024; batch++) {
                      cache.get(draws[i++ & (draws.length - 1)]);
                    }
                    reads.add(1024);
                  }
                },
                "demo-reader-" + t);
        workers.add(worker);
        worker.start();
      }
      while (workers.stream().anyMatch(Thread::isAlive)) {
        Thread.sleep(200);
        progress(System.nanoTime() - start, RUN.toNanos(), reads.sum());
      }
      for (Thread worker : workers) {
        worker.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long total = reads.sum();
      long loads = Database.LOADS.get();
      System.out.printf("%n%nthroughput: %,.0f gets/s over %.1f s%n", total / seconds, seconds);
      System.out.printf(
          "hit ratio:  %.2f%% (%,d gets, %,d loaded from the database)%n",
          100.0 * (total - loads) / total, total, loads);
      printStatistics(manager, "demo");
    }
  }

  private static void progress(long elapsed, long run, long reads) {
    int width = 40;
    int done = (int) Math.min(width, width * elapsed / run);
    System.out.printf(
        "\r[%s%s] %4.1f s  %,12d gets",
        "#".repeat(done), " ".repeat(width - done), elapsed / 1e9, reads);
    System.out.flush();
  }

  private static void printStatistics(CacheManager manager, String cacheName) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager="
                + manager.getURI().toString().replaceAll("[,:=\n]", ".")
                + ",Cache="
                + cacheName);
    System.out.println("statistics MXBean " + name + ":");
    for (String attribute :
        List.of(
            "CacheGets",
            "CacheHits",
            "CacheMisses",
            "CacheHitPercentage",
            "CachePuts",
            "CacheEvictions",
            "AverageGetTime")) {
      System.out.printf("  %-20s %s%n", attribute, server.getAttribute(name, attribute));
    }
  }

  /** Draws from a Zipf distribution over {@code keys} keys, scrambled so hot keys are scattered. */
  private static long[] zipfDraws(int count, int keys, double s, long seed) {
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] draws = new long[count];
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      draws[i] = (lo * 0x9E3779B97F4A7C15L) >>> 1; // the rank, scattered over the key space
    }
    return draws;
  }
}
