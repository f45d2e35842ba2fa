package io.dualcache.bench.jmh;

import io.dualcache.fory.ForyCopier;
import io.dualcache.jcache.DualCacheConfiguration;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A get from a DualCache cache of what a Hibernate second-level cache region stores, made of
 * Hibernate's own classes (built by reflection: their constructors are not public), with each
 * way of storing: by reference (the ceiling), by value with Java serialization (the default
 * copier), and by value with the Fory copier. 1,024 keys, all present: every get is a hit.
 *
 * <ul>
 *   <li>{@code Entity}: a READ_WRITE entity region's item, {@code AbstractReadWriteAccess.Item} of
 *       a {@code StandardCacheEntryImpl} whose disassembled state is a title, a year, a price, a
 *       date, the author's id and the collection's owner key; version 3.
 *   <li>{@code Collection}: a collection region's item of a {@code CollectionCacheEntry} of 10
 *       element ids.
 *   <li>{@code QueryResult}: a query result region's {@code QueryResultsCacheImpl.CacheItem}: 20
 *       rows of (id, title, year, price).
 *   <li>{@code NaturalId}: a natural-id region's item of the entity's id.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HibernateEntryBenchmark {
  private static final int KEYS = 1024;

  /** How the cache stores its values. */
  public enum Copy {
    ByReference,
    Serialization,
    Fory
  }

  @Param({"ByReference", "Serialization", "Fory"})
  public Copy copy;

  @Param({"Entity", "Collection", "QueryResult", "NaturalId"})
  public String entry;

  private BenchCache<Integer, Object> cache;
  private Integer[] keys;

  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    DualCacheConfiguration<Integer, Object> configuration = new DualCacheConfiguration<>();
    configuration.setTypes(Integer.class, Object.class).setStoreByValue(copy != Copy.ByReference);
    if (copy == Copy.Fory) {
      configuration.setCopier(new ForyCopier());
    }
    cache =
        JCacheProviders.open(
            JCacheProviders.DUALCACHE, "hibernate-" + copy + "-" + entry, configuration);
    HibernateEntries entries = new HibernateEntries();
    keys = new Integer[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = i;
      cache.put(i, entries.make(entry, i));
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

  /** Hibernate's cache entry classes, made through their non-public constructors. */
  static final class HibernateEntries {
    private final Constructor<?> item =
        constructor(
            "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item",
            Object.class,
            Object.class,
            long.class);
    private final Constructor<?> entity =
        constructor(
            "org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
            Serializable[].class,
            String.class,
            Object.class);
    private final Constructor<?> collection =
        constructor("org.hibernate.cache.spi.entry.CollectionCacheEntry", Serializable.class);
    private final Constructor<?> queryResult =
        constructor(
            "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem", long.class, List.class);
    private final long timestamp = System.currentTimeMillis();

    Object make(String kind, int i) throws ReflectiveOperationException {
      long id = 1_000 + i;
      return switch (kind) {
        case "Entity" -> {
          Serializable[] state = {
            "Title of book " + id,
            1950 + i % 70,
            BigDecimal.valueOf(1999 + i, 2),
            LocalDate.of(2000, 1, 1).plusDays(i),
            (long) (i % 50),
            id
          };
          yield item.newInstance(
              entity.newInstance(state, "io.dualcache.it.hibernate.Book", 3), 3, timestamp);
        }
        case "Collection" -> {
          Serializable[] ids = new Serializable[10];
          for (int e = 0; e < ids.length; e++) {
            ids[e] = id * 10 + e;
          }
          yield item.newInstance(collection.newInstance((Object) ids), null, timestamp);
        }
        case "QueryResult" -> {
          List<Object[]> rows = new ArrayList<>();
          for (int r = 0; r < 20; r++) {
            rows.add(
                new Object[] {
                  id * 20 + r, "Title " + (id * 20 + r), 1950 + r, BigDecimal.valueOf(999 + r, 2)
                });
          }
          yield queryResult.newInstance(timestamp, rows);
        }
        case "NaturalId" -> item.newInstance(id, null, timestamp);
        default -> throw new IllegalArgumentException("no such entry kind: " + kind);
      };
    }

    private static Constructor<?> constructor(String className, Class<?>... parameters) {
      try {
        Constructor<?> constructor =
            Class.forName(className).getDeclaredConstructor(parameters);
        constructor.setAccessible(true);
        return constructor;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Hibernate changed: " + className + ": " + e, e);
      }
    }
  }
}
