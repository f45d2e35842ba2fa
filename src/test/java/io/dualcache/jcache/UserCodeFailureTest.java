package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failures of issue 10, one test each: a user object that throws harms only the call that ran
 * it. The matrix over every kind of user object is {@link UserCodeFailureMatrixTest}.
 */
class UserCodeFailureTest {

  private CacheManager manager;

  @BeforeEach
  void open() {
    manager = TestManagers.fresh("user-code");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  // ============================================================ entry processors and types

  @Test
  void aProcessorSettingAValueOfTheWrongTypeFailsWithAClassCastAndStoresNothing() {
    Cache<String, String> cache =
        manager.createCache(
            "typed",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("present", "old");

    EntryProcessorException onPresent =
        assertThrows(EntryProcessorException.class, () -> cache.invoke("present", setsAnInteger()));
    EntryProcessorException onAbsent =
        assertThrows(EntryProcessorException.class, () -> cache.invoke("absent", setsAnInteger()));

    for (EntryProcessorException failure : List.of(onPresent, onAbsent)) {
      ClassCastException cause = assertInstanceOf(ClassCastException.class, failure.getCause());
      assertTrue(cause.getMessage().contains("\"typed\""), cause.getMessage());
      assertTrue(cause.getMessage().contains("java.lang.String"), cause.getMessage());
      assertTrue(cause.getMessage().contains("java.lang.Integer"), cause.getMessage());
    }
    assertEquals("old", cache.get("present"));
    assertFalse(cache.containsKey("absent"));
    Object stored = cache.unwrap(io.dualcache.engine.DualCache.class).peek("present");
    assertEquals(String.class, stored.getClass());
  }

  @Test
  void invokeAllReportsTheWrongTypeForItsKeyAndStoresNothing() {
    Cache<String, String> cache =
        manager.createCache(
            "typed-all",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("a", "old");

    Map<String, EntryProcessorResult<Object>> results =
        cache.invokeAll(Set.of("a", "b"), setsAnInteger());

    assertEquals(Set.of("a", "b"), results.keySet());
    for (EntryProcessorResult<Object> result : results.values()) {
      EntryProcessorException failure = assertThrows(EntryProcessorException.class, result::get);
      assertInstanceOf(ClassCastException.class, failure.getCause());
    }
    assertEquals("old", cache.get("a"));
    assertFalse(cache.containsKey("b"));
  }

  /** Sets an Integer through a raw view of the entry, as untyped or reflective code could. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <K, V> EntryProcessor<K, V, Object> setsAnInteger() {
    return (entry, arguments) -> {
      ((javax.cache.processor.MutableEntry) entry).setValue(5);
      return null;
    };
  }

  @Test
  void readsAndRemovalsWithAWrongTypedKeyReturnNormallyOnATypedCache() {
    Cache<String, String> cache =
        manager.createCache(
            "typed-reads",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("5", "five");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Cache<Object, Object> raw = (Cache) cache;

    assertNull(raw.get(5));
    assertFalse(raw.containsKey(5));
    assertFalse(raw.remove(5));
    assertNull(raw.getAndRemove(5));
    assertThrows(ClassCastException.class, () -> raw.put(5, "five"), "writes are checked");
    assertEquals("five", cache.get("5"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aKeyWhoseHashCodeOrEqualsThrowsFailsOnlyTheCallGivenIt(boolean error) {
    Throwable failure = error ? new Boom("key broken") : new IllegalStateException("key broken");
    Cache<Object, String> cache =
        manager.createCache(
            "bad-keys", new MutableConfiguration<Object, String>().setStoreByValue(false));
    Key stored = new Key("stored", null, null);
    cache.put(stored, "v");

    Key badHash = new Key("hash", failure, null);
    Key badEquals = new Key("equals", null, failure); // same hash as the stored key: compared

    assertSame(failure, assertThrows(Throwable.class, () -> cache.put(badHash, "x")));
    assertSame(failure, assertThrows(Throwable.class, () -> cache.put(badEquals, "x")));
    assertSame(failure, assertThrows(Throwable.class, () -> cache.get(badEquals)));

    assertEquals("v", cache.get(stored));
    cache.put(new Key("another", null, null), "w"); // the segment's lock was released
    assertEquals(2, cache.unwrap(io.dualcache.engine.DualCache.class).size());
  }

  /** A key of one hash for all; its hashCode or equals throws if given a failure. */
  static final class Key {
    private final String name;
    private final Throwable hashFailure;
    private final Throwable equalsFailure;

    Key(String name, Throwable hashFailure, Throwable equalsFailure) {
      this.name = name;
      this.hashFailure = hashFailure;
      this.equalsFailure = equalsFailure;
    }

    @Override
    public int hashCode() {
      throwIf(hashFailure != null, hashFailure);
      return 42;
    }

    @Override
    public boolean equals(Object o) {
      throwIf(equalsFailure != null, equalsFailure);
      return o instanceof Key other && other.name.equals(name);
    }

    @Override
    public String toString() {
      return "Key[" + name + "]";
    }
  }

  // ============================================================ loadAll

  @Test
  void loadAllWithALoaderThrowingAnErrorEndsInOnExceptionExactlyOnce() {
    Boom boom = new Boom("loader out of memory");
    Cache<String, String> cache = loadingCache("load-error", key -> throwIt(boom), Runnable::run);
    RecordingCompletion completion = new RecordingCompletion();

    cache.loadAll(Set.of("a", "b"), false, completion);

    assertEquals(1, completion.calls.size(), "calls: " + completion.calls);
    CacheLoaderException failure =
        assertInstanceOf(CacheLoaderException.class, completion.calls.get(0));
    assertSame(boom, failure.getCause());
    assertTrue(failure.getMessage().contains("\"load-error\""), failure.getMessage());
    assertFalse(cache.containsKey("a"));
  }

  @Test
  void loadAllWithALoaderThrowingARuntimeExceptionEndsInOnExceptionExactlyOnce() {
    IllegalStateException broken = new IllegalStateException("database down");
    Cache<String, String> cache = loadingCache("load-rte", key -> throwIt(broken), Runnable::run);
    RecordingCompletion completion = new RecordingCompletion();

    cache.loadAll(Set.of("a"), true, completion);

    assertEquals(1, completion.calls.size(), "calls: " + completion.calls);
    CacheLoaderException failure =
        assertInstanceOf(CacheLoaderException.class, completion.calls.get(0));
    assertSame(broken, failure.getCause());
  }

  @Test
  void aCompletionListenerThatThrowsInOnCompletionIsNotAlsoToldOnException() {
    Cache<String, String> cache = loadingCache("load-ok", key -> "v" + key, Runnable::run);
    RecordingCompletion completion = new RecordingCompletion();
    completion.failOnCompletion = new Boom("completion listener broken");

    cache.loadAll(Set.of("a"), false, completion);

    assertEquals(List.of("completed"), completion.calls);
    assertEquals("va", cache.get("a"));
  }

  @Test
  void loadAllThatTheExecutorRejectsEndsInOnException() {
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("saturated");
        };
    Cache<String, String> cache = loadingCache("load-rejected", key -> "v", rejecting);
    RecordingCompletion completion = new RecordingCompletion();

    cache.loadAll(Set.of("a"), false, completion);

    assertEquals(1, completion.calls.size(), "calls: " + completion.calls);
    Exception failure = assertInstanceOf(Exception.class, completion.calls.get(0));
    assertInstanceOf(RejectedExecutionException.class, failure.getCause());
    assertFalse(cache.containsKey("a"));
  }

  @Test
  void aLoaderErrorInOneKeysStoreDoesNotKeepTheOtherKeysOut() {
    // The loader is fine; the synchronous listener throws an Error for the CREATED event of "a".
    Boom boom = new Boom("listener out of memory");
    DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    configuration.setExecutor(Runnable::run).setCacheLoaderFactory(factory(loader(key -> "v")));
    CacheEntryCreatedListener<String, String> failing =
        events -> events.forEach(e -> throwIf(e.getKey().equals("a"), boom));
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory(failing), null, false, true));
    Cache<String, String> cache = manager.createCache("load-listener", configuration);
    RecordingCompletion completion = new RecordingCompletion();

    cache.loadAll(new java.util.LinkedHashSet<>(List.of("a", "b", "c")), false, completion);

    assertEquals(1, completion.calls.size(), "calls: " + completion.calls);
    assertSame(boom, ((Exception) completion.calls.get(0)).getCause());
    assertEquals("v", cache.get("a"), "the store took effect before the listener threw");
    assertEquals("v", cache.get("b"));
    assertEquals("v", cache.get("c"));
  }

  // ============================================================ listeners

  @Test
  void anAsynchronousListenerErrorForOneKeyHoldsBackNoOtherKeysEvents() {
    ManualExecutor executor = new ManualExecutor();
    List<Integer> delivered = new CopyOnWriteArrayList<>();
    CacheEntryCreatedListener<Integer, Integer> listener =
        events -> {
          for (CacheEntryEvent<? extends Integer, ? extends Integer> event : events) {
            throwIf(event.getKey() == 0, new Boom("listener stack overflow"));
            delivered.add(event.getKey());
          }
        };
    DualCacheConfiguration<Integer, Integer> configuration =
        new DualCacheConfiguration<Integer, Integer>().setExecutor(executor);
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory(listener), null, false, false));
    Cache<Integer, Integer> cache = manager.createCache("async-error", configuration);

    // Integer keys that are multiples of 16 share one delivery stripe with key 0.
    List<Integer> others = new ArrayList<>();
    cache.put(0, 0);
    for (int key = 16; key <= 16 * 20; key += 16) {
      cache.put(key, key);
      others.add(key);
    }
    int failures = executor.runAll();

    assertEquals(others, delivered, "events of the other keys, in order, with no further write");
    assertEquals(0, failures, "the delivery task handles the listener's Error itself");
  }

  @Test
  void aSynchronousListenerErrorReachesTheCallerAfterEveryOtherListenerHadTheEvent() {
    Boom boom = new Boom("listener out of memory");
    List<String> seen = new CopyOnWriteArrayList<>();
    CacheEntryCreatedListener<String, String> failing = events -> throwIt(boom);
    CacheEntryCreatedListener<String, String> recording =
        events -> events.forEach(e -> seen.add(e.getKey()));
    CacheEntryCreatedListener<String, String> asyncRecording =
        events -> recording.onCreated(events);
    Cache<String, String> cache =
        manager.createCache(
            "sync-error", new DualCacheConfiguration<String, String>().setExecutor(Runnable::run));
    // Registered one by one, so they get events in this order: the failing one first.
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(factory(failing), null, false, true));
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(factory(recording), null, false, true));
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(factory(asyncRecording), null, false, false));

    Boom thrown = assertThrows(Boom.class, () -> cache.put("k", "v"));

    assertSame(boom, thrown);
    assertEquals(List.of("k", "k"), seen, "the synchronous and the asynchronous one");
    assertEquals("v", cache.get("k"), "the put took effect before the listener ran");
  }

  @Test
  void putAllStoresEveryKeyWhenASynchronousListenerThrowsAnErrorForOneAndThenRethrowsIt() {
    Boom boom = new Boom("listener out of memory");
    CacheEntryCreatedListener<String, String> failing =
        events -> events.forEach(e -> throwIf(e.getKey().equals("b"), boom));
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory(failing), null, false, true));
    Cache<String, String> cache = manager.createCache("put-all-error", configuration);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("a", "1");
    values.put("b", "2");
    values.put("c", "3");

    assertSame(boom, assertThrows(Boom.class, () -> cache.putAll(values)));

    assertEquals(values, cache.getAll(values.keySet()));
  }

  @Test
  void aListenerWhoseCloseThrowsAnErrorDoesNotKeepTheOtherUserObjectsOpen() {
    List<String> closed = new CopyOnWriteArrayList<>();
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            factory(new ClosingListener("first", closed, new Boom("close failed"))),
            null,
            false,
            true));
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            factory(new ClosingListener("second", closed, null)), null, false, true));
    Cache<String, String> cache = manager.createCache("closing", configuration);

    cache.close();

    assertEquals(Set.of("first", "second"), Set.copyOf(closed), "each closed once: " + closed);
    assertEquals(2, closed.size());
    assertTrue(cache.isClosed());
  }

  // ============================================================ helpers

  private Cache<String, String> loadingCache(
      String name, java.util.function.Function<String, String> load, Executor executor) {
    DualCacheConfiguration<String, String> configuration =
        new DualCacheConfiguration<String, String>().setExecutor(executor);
    configuration.setCacheLoaderFactory(factory(loader(load)));
    return manager.createCache(name, configuration);
  }

  private static CacheLoader<String, String> loader(
      java.util.function.Function<String, String> load) {
    return new CacheLoader<>() {
      @Override
      public String load(String key) {
        return load.apply(key);
      }

      @Override
      public Map<String, String> loadAll(Iterable<? extends String> keys) {
        Map<String, String> loaded = new LinkedHashMap<>();
        keys.forEach(key -> loaded.put(key, load(key)));
        return loaded;
      }
    };
  }

  /** A factory of one existing object (FactoryBuilder.factoryOf wants a Serializable one). */
  static <T> Factory<T> factory(T instance) {
    return () -> instance;
  }

  static String throwIt(Throwable failure) {
    throwIf(true, failure);
    return null;
  }

  static void throwIf(boolean condition, Throwable failure) {
    if (!condition) {
      return;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) failure;
  }

  /** The Error user code throws in these tests (an OutOfMemoryError would alarm the reader). */
  static final class Boom extends Error {
    private static final long serialVersionUID = 1L;

    Boom(String message) {
      super(message);
    }
  }

  /** Records each call of a completion listener: "completed", or the exception. */
  static final class RecordingCompletion implements CompletionListener {
    final List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    volatile Boom failOnCompletion;

    @Override
    public void onCompletion() {
      calls.add("completed");
      if (failOnCompletion != null) {
        throw failOnCompletion;
      }
    }

    @Override
    public void onException(Exception e) {
      calls.add(e);
    }
  }

  /** Runs its tasks when told, as a pool would: a task that throws ends only itself. */
  static final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    /** Runs tasks until none is left; returns how many threw. */
    int runAll() {
      int failures = 0;
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          failures++;
        }
      }
      return failures;
    }
  }

  /** A listener that records its close, and may throw there. */
  static final class ClosingListener
      implements CacheEntryCreatedListener<String, String>, AutoCloseable {
    private final String name;
    private final List<String> closed;
    private final Boom failure;

    ClosingListener(String name, List<String> closed, Boom failure) {
      this.name = name;
      this.closed = closed;
      this.failure = failure;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {}

    @Override
    public void close() {
      closed.add(name);
      if (failure != null) {
        throw failure;
      }
    }
  }
}
