package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * refresh-after-write through JSR-107: a read-through cache whose loader reloads entries ahead of
 * use. The engine's behaviour under races is tested in {@code io.dualcache.engine.RefreshTest};
 * here, the mapping: loader, copies, events, writer, configuration in code and in a file.
 */
class RefreshAheadTest {

  private static final Duration AGE = Duration.ofMillis(100);

  @TempDir Path directory;

  private CacheManager manager;
  private final ConcurrentLinkedQueue<Runnable> executor = new ConcurrentLinkedQueue<>();

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  /** Loads key + ":" + the number of loads so far. */
  static final class CountingLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    final AtomicInteger loads = new AtomicInteger();

    @Override
    public String load(String key) {
      return key + ":" + loads.incrementAndGet();
    }

    @Override
    public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException();
    }
  }

  private DualCacheConfiguration<String, String> readThrough(CountingLoader loader) {
    DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    configuration.setTypes(String.class, String.class);
    configuration.setReadThrough(true);
    configuration.setCacheLoaderFactory(FactoryBuilder.factoryOf(loader));
    configuration.setExecutor(executor::add);
    return configuration;
  }

  private void runExecutor() {
    Runnable task;
    while ((task = executor.poll()) != null) {
      task.run();
    }
  }

  /** Reads {@code key} until a read finds the entry due (a reload task appears). */
  private void readUntilDue(Cache<String, String> cache, String key, String expected) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (executor.isEmpty()) {
      assertEquals(expected, cache.get(key), "a due entry's read returns the current value");
      if (System.nanoTime() > deadline) {
        fail("no reload started");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aDueEntryIsServedAndReloadedFromTheLoaderWithAnUpdatedEventAndNoWrite() {
    manager = TestManagers.fresh("refresh");
    CountingLoader loader = new CountingLoader();
    UpdateRecorder listener = new UpdateRecorder();
    List<String> updates = listener.updates;
    AtomicInteger writes = new AtomicInteger();
    DualCacheConfiguration<String, String> configuration = readThrough(loader);
    configuration.setRefreshAfterWrite(AGE);
    configuration.setWriteThrough(true);
    configuration.setCacheWriterFactory(FactoryBuilder.factoryOf(new CountingWriter(writes)));
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener), null, true, true));
    Cache<String, String> cache = manager.createCache("refreshing", configuration);

    assertEquals("k:1", cache.get("k"), "a miss loads");
    readUntilDue(cache, "k", "k:1");
    assertEquals(1, executor.size(), "one reload");
    runExecutor();
    assertEquals("k:2", cache.get("k"), "the reload replaced the entry");
    assertEquals(List.of("k k:1->k:2"), updates, "as an update, with its event");
    assertEquals(0, writes.get(), "a reload is a load: never written through");
    assertEquals(
        AGE,
        cache.getConfiguration(DualCacheConfiguration.class).getRefreshAfterWrite().orElseThrow());
  }

  @Test
  void aStoreByValueCacheStoresACopyOfTheReloadedValue() {
    manager = TestManagers.fresh("refresh-by-value");
    DualCacheConfiguration<Object, Object> configuration = new DualCacheConfiguration<>();
    configuration.setReadThrough(true);
    configuration.setCacheLoaderFactory(FactoryBuilder.factoryOf(new ListLoader()));
    configuration.setExecutor(executor::add);
    configuration.setRefreshAfterWrite(AGE);
    Cache<Object, Object> cache = manager.createCache("by-value", configuration);
    cache.get("k");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (executor.isEmpty() && System.nanoTime() < deadline) {
      cache.get("k");
    }
    runExecutor();
    @SuppressWarnings("unchecked")
    List<String> reloaded = (List<String>) cache.get("k");
    assertEquals(List.of("loaded", "2"), reloaded);
    reloaded.add("changed by the caller");
    assertEquals(List.of("loaded", "2"), cache.get("k"), "the cache holds its own copy");
  }

  /** Loads a fresh mutable list ["loaded", n]. */
  static final class ListLoader implements CacheLoader<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final AtomicInteger loads = new AtomicInteger();

    @Override
    public Object load(Object key) {
      return new java.util.ArrayList<>(List.of("loaded", String.valueOf(loads.incrementAndGet())));
    }

    @Override
    public java.util.Map<Object, Object> loadAll(Iterable<?> keys) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void refreshWithoutReadThroughIsRejectedWithTheReason() {
    manager = TestManagers.fresh("refresh-no-loader");
    DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    configuration.setRefreshAfterWrite(AGE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> manager.createCache("plain", configuration));
    assertEquals(
        "cache \"plain\" sets refresh-after-write, which reloads entries from the cache loader:"
            + " it needs read-through = true and a loader",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DualCacheConfiguration<>().setRefreshAfterWrite(Duration.ZERO),
        "refreshAfterWrite must be > 0, refreshAfterWrite=PT0S");
  }

  @Test
  void theFileKeyRefreshAfterWriteConfiguresIt() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache.caches { prices { read-through = true, loader ="
                + " \"io.dualcache.jcache.ConfigFixtures$PrefixLoader\","
                + " refresh-after-write = 100ms, executor ="
                + " \"io.dualcache.jcache.ConfigFixtures$NamedThreadExecutor\" } }");
    Cache<Object, Object> cache = manager.getCache("prices");
    assertEquals(
        AGE,
        cache.getConfiguration(DualCacheConfiguration.class).getRefreshAfterWrite().orElseThrow());
    assertTrue(
        manager
            .unwrap(DualCacheManager.class)
            .report()
            .toString()
            .contains("refresh-after-write 100ms"),
        "the configuration report lists it");
    int before = ConfigFixtures.PrefixLoader.LOADS.get();
    assertEquals("value-of-k", cache.get("k"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ConfigFixtures.PrefixLoader.LOADS.get() < before + 2) {
      assertEquals("value-of-k", cache.get("k"));
      assertTrue(System.nanoTime() < deadline, "the entry was reloaded on the executor");
      Thread.onSpinWait();
    }
  }

  @Test
  void aBadFileValueNamesTheKeyAndWhatItAccepts() {
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                ConfigFixtures.managerOf(
                    directory, "dualcache.caches { prices { refresh-after-write = soon } }"));
    assertTrue(e.getMessage().contains("refresh-after-write"), e.getMessage());
    assertTrue(e.getMessage().contains("a positive duration"), e.getMessage());
  }

  /** Records updated events as "key old->new". */
  static final class UpdateRecorder
      implements CacheEntryUpdatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    final transient List<String> updates = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> e : events) {
        updates.add(e.getKey() + " " + e.getOldValue() + "->" + e.getValue());
      }
    }
  }

  /** Counts writes. */
  record CountingWriter(AtomicInteger writes) implements CacheWriter<String, String>, Serializable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      writes.incrementAndGet();
    }

    @Override
    public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends String>> c) {
      writes.addAndGet(c.size());
      c.clear();
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.clear();
    }
  }
}
