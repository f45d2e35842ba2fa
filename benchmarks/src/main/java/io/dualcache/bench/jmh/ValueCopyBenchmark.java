package io.dualcache.bench.jmh;

import io.dualcache.fory.ForyCopier;
import io.dualcache.jcache.DualCacheConfiguration;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A JCache get of an object value, stored by reference or by value (the spec's default; DualCache
 * by serialization, its default copier, or by its Fory copier), for a
 * value that must be copied (a small Serializable class) and one that need not be (a record whose
 * components are all immutable). 1,024 keys, all present: every get is a hit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValueCopyBenchmark {
  private static final int KEYS = 1024;

  /** A mutable value class: a store-by-value cache must copy it. */
  public static final class Order implements Serializable {
    private static final long serialVersionUID = 1L;
    long id;
    String customer;
    BigDecimal total;
    LocalDate placed;

    Order(long id) {
      this.id = id;
      this.customer = "customer-" + id;
      this.total = BigDecimal.valueOf(id, 2);
      this.placed = LocalDate.of(2026, 1, 1).plusDays(id % 365);
    }
  }

  /** The same data as a record of immutable components: nothing to copy. */
  public record OrderRecord(long id, String customer, BigDecimal total, LocalDate placed)
      implements Serializable {}

  /** The provider and how it stores. */
  public enum Store {
    DualCache_ByReference(JCacheProviders.DUALCACHE, false),
    DualCache_ByValue(JCacheProviders.DUALCACHE, true),
    DualCache_ByValue_Fory(JCacheProviders.DUALCACHE, true),
    Caffeine_ByValue(JCacheProviders.CAFFEINE, true);

    final String provider;
    final boolean byValue;

    Store(String provider, boolean byValue) {
      this.provider = provider;
      this.byValue = byValue;
    }
  }

  @Param({"DualCache_ByReference", "DualCache_ByValue", "DualCache_ByValue_Fory", "Caffeine_ByValue"})
  public Store store;

  @Param({"Order", "OrderRecord"})
  public String value;

  private BenchCache<Integer, Object> cache;
  private Integer[] keys;

  @Setup(Level.Trial)
  public void setUp() {
    MutableConfiguration<Integer, Object> configuration =
        store == Store.DualCache_ByValue_Fory
            ? new DualCacheConfiguration<Integer, Object>().setCopier(new ForyCopier())
            : new MutableConfiguration<>();
    configuration.setTypes(Integer.class, Object.class).setStoreByValue(store.byValue);
    cache = JCacheProviders.open(store.provider, "values-" + store + "-" + value, configuration);
    keys = new Integer[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = i;
      Order order = new Order(i);
      cache.put(
          i,
          value.equals("Order")
              ? order
              : new OrderRecord(order.id, order.customer, order.total, order.placed));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cache.close();
  }

  /** Per thread: where it is in the key array. */
  @State(Scope.Thread)
  public static class Cursor {
    int index;
  }

  @Benchmark
  public Object get(Cursor cursor) {
    return cache.get(keys[cursor.index++ & (KEYS - 1)]);
  }
}
