package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asynchronous delivery keeps per-key order off the caller's thread; failures of sync ones. */
class ListenerDeliveryTest {

  private CacheManager manager;
  private ExecutorService executor;

  @BeforeEach
  void open() {
    manager = TestManagers.fresh("listeners");
    executor = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void close() throws InterruptedException {
    manager.close();
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void asynchronousEventsOfOneKeyArriveInOrderOnAnotherThread() throws Exception {
    OrderRecorder recorder = new OrderRecorder(4 * 500);
    DualCacheConfiguration<Integer, Integer> configuration =
        new DualCacheConfiguration<Integer, Integer>().setExecutor(executor);
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(singleton(recorder), null, false, false));
    Cache<Integer, Integer> cache = manager.createCache("async", configuration);

    for (int value = 0; value < 500; value++) {
      for (int key = 0; key < 4; key++) {
        cache.put(key, value);
      }
    }

    assertTrue(recorder.done.await(10, TimeUnit.SECONDS), "events delivered");
    for (int key = 0; key < 4; key++) {
      List<Integer> values = recorder.valuesByKey.get(key);
      assertEquals(500, values.size());
      for (int value = 0; value < 500; value++) {
        assertEquals(value, values.get(value), "event " + value + " of key " + key);
      }
    }
    assertNotEquals(Thread.currentThread().getName(), recorder.threadName);
  }

  @Test
  void eachListenerOfAStoreByValueCacheGetsItsOwnCopyOfTheValue() {
    List<String> seen = new ArrayList<>();
    CacheEntryCreatedListener<String, ArrayList<String>> mutating =
        events -> {
          for (CacheEntryEvent<? extends String, ? extends ArrayList<String>> event : events) {
            seen.add(String.valueOf(event.getValue()));
            event.getValue().add("changed by a listener");
          }
        };
    MutableConfiguration<String, ArrayList<String>> configuration = new MutableConfiguration<>();
    for (int i = 0; i < 2; i++) {
      configuration.addCacheEntryListenerConfiguration(
          new MutableCacheEntryListenerConfiguration<>(singleton(mutating), null, false, true));
    }
    Cache<String, ArrayList<String>> cache = manager.createCache("by-value", configuration);

    cache.put("k", new ArrayList<>(List.of("v")));

    assertEquals(List.of("[v]", "[v]"), seen, "the second listener saw the first one's change");
    assertEquals(List.of("v"), cache.get("k"), "and the cache kept its own");
  }

  @Test
  void aFailingSynchronousListenerSurfacesAfterTheChange() {
    MutableCacheEntryListenerConfiguration<String, String> failing =
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(FailingOnCreate.class), null, false, true);
    Cache<String, String> cache =
        manager.createCache("failing", new DualCacheConfiguration<String, String>());
    cache.registerCacheEntryListener(failing);

    CacheEntryListenerException failure =
        assertThrows(CacheEntryListenerException.class, () -> cache.put("k", "v"));

    assertEquals(IllegalStateException.class, failure.getCause().getClass());
    assertEquals("v", cache.get("k"), "the put happened before the listener ran");
  }

  /** A factory of one existing listener (FactoryBuilder.factoryOf wants a Serializable one). */
  private static <T> Factory<T> singleton(T instance) {
    return () -> instance;
  }

  /** Records the values each key's events carried, in delivery order. */
  static final class OrderRecorder
      implements CacheEntryCreatedListener<Integer, Integer>,
          CacheEntryUpdatedListener<Integer, Integer> {
    final Map<Integer, List<Integer>> valuesByKey = new ConcurrentHashMap<>();
    final CountDownLatch done;
    volatile String threadName;

    OrderRecorder(int expected) {
      done = new CountDownLatch(expected);
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      record(events);
    }

    private void record(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      threadName = Thread.currentThread().getName();
      for (CacheEntryEvent<? extends Integer, ? extends Integer> event : events) {
        valuesByKey
            .computeIfAbsent(event.getKey(), k -> Collections.synchronizedList(new ArrayList<>()))
            .add(event.getValue());
        done.countDown();
      }
    }
  }

  /** Throws on every creation. */
  public static final class FailingOnCreate implements CacheEntryCreatedListener<String, String> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      throw new IllegalStateException("broken listener");
    }
  }
}
