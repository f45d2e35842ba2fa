package io.dualcache.bench.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dualcache.engine.DualCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes per entry of each cache holding N key → key entries (Integer ids, or random UUIDs: hash
 * codes with no pattern, which the index spreads over more slots), measured by walking the
 * cache's object graph with JOL's {@link GraphLayout} (every reachable object, shallow sizes
 * summed: arrays, nodes, sketch, buffers, the lot).
 *
 * <p>What is subtracted, the same way for every cache: the N key objects. Each entry's value is its
 * key object itself, so the graph reaches N distinct Integers once per cache, and those are exactly
 * the objects of {@code keys} minus its array shell. What is left is what the cache adds on top of
 * the caller's objects. Caches are built with {@code executor(Runnable::run)} so the graph holds no
 * thread pool or daemon {@link Thread} (whose graph is the whole JVM's); maintenance has run
 * ({@code cleanUp}) before the walk.
 *
 * <pre>java -Djol.magicFieldOffset=true -cp benchmarks.jar io.dualcache.bench.memory.MemoryFootprint [N] [OUT.md] [Integer|UUID]</pre>
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  record Row(String name, double bytesPerEntry, long entries) {}

  public static void main(String[] args) throws IOException {
    // JOL must read field offsets of hidden classes (the lambdas the caches hold).
    System.setProperty("jol.magicFieldOffset", "true");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String keyType = args.length > 2 ? args[2] : "Integer";
    Random random = new Random(42);
    Object[] keys = new Object[n];
    for (int i = 0; i < n; i++) {
      keys[i] =
          switch (keyType) {
            case "Integer" -> Integer.valueOf(1_000_000 + i); // outside Integer's cache
            case "UUID" -> new UUID(random.nextLong(), random.nextLong());
            default -> throw new IllegalArgumentException("key type " + keyType);
          };
    }
    long keyObjects =
        GraphLayout.parseInstance((Object) keys).totalSize()
            - GraphLayout.parseInstance((Object) new Object[n]).totalSize();

    List<Row> rows = new ArrayList<>();
    rows.add(measure("ConcurrentHashMap", keys, keyObjects, MemoryFootprint::chm));
    rows.add(measure("DualCache, unbounded", keys, keyObjects, k -> dualCache(k, -1)));
    rows.add(measure("DualCache, maximumSize(N)", keys, keyObjects, k -> dualCache(k, n)));
    rows.add(measure("Caffeine, unbounded", keys, keyObjects, k -> caffeine(k, -1)));
    rows.add(measure("Caffeine, maximumSize(N)", keys, keyObjects, k -> caffeine(k, n)));

    StringBuilder md = new StringBuilder();
    md.append(String.format("## Bytes per entry, %,d %s → %s entries%n%n", n, keyType, keyType));
    md.append(
        "JOL GraphLayout of the whole cache, minus the N key objects (each value is its key"
            + " object, so the caller's objects are the N keys, counted once and subtracted);"
            + " caches built with executor(Runnable::run) and cleaned up before the walk.\n\n");
    md.append("| cache | bytes per entry | entries held |\n|---|---:|---:|\n");
    for (Row r : rows) {
      md.append(String.format("| %s | %.1f | %,d |%n", r.name(), r.bytesPerEntry(), r.entries()));
    }
    System.out.print(md);
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), md);
    }
  }

  /** Fills a cache, walks its graph, and gives the bytes per entry beyond the key objects. */
  private static Row measure(
      String name, Object[] keys, long keyObjects, Function<Object[], Sized> fill) {
    Sized cache = fill.apply(keys);
    long entries = cache.size();
    if (entries != keys.length) {
      throw new IllegalStateException(name + " holds " + entries + " of " + keys.length + " entries");
    }
    long total = GraphLayout.parseInstance(cache.root()).totalSize();
    cache.close();
    return new Row(name, (double) (total - keyObjects) / keys.length, entries);
  }

  /** A filled cache: the object whose graph is measured, and how many entries it holds. */
  interface Sized {
    Object root();

    long size();

    default void close() {}
  }

  private static Sized chm(Object[] keys) {
    Map<Object, Object> map = new ConcurrentHashMap<>();
    for (Object k : keys) {
      map.put(k, k);
    }
    return new Sized() {
      @Override
      public Object root() {
        return map;
      }

      @Override
      public long size() {
        return map.size();
      }
    };
  }

  private static Sized dualCache(Object[] keys, long maximumSize) {
    var builder = DualCache.<Object, Object>builder().executor(Runnable::run);
    if (maximumSize >= 0) {
      builder.maximumSize(maximumSize);
    }
    DualCache<Object, Object> cache = builder.build();
    for (Object k : keys) {
      cache.put(k, k);
    }
    cache.cleanUp();
    return new Sized() {
      @Override
      public Object root() {
        return cache;
      }

      @Override
      public long size() {
        return cache.size();
      }

      @Override
      public void close() {
        cache.close();
      }
    };
  }

  private static Sized caffeine(Object[] keys, long maximumSize) {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
    if (maximumSize >= 0) {
      builder.maximumSize(maximumSize);
    }
    Cache<Object, Object> cache = builder.build();
    for (Object k : keys) {
      cache.put(k, k);
    }
    cache.cleanUp();
    return new Sized() {
      @Override
      public Object root() {
        return cache;
      }

      @Override
      public long size() {
        return cache.estimatedSize();
      }
    };
  }
}
