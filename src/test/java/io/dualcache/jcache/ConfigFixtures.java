package io.dualcache.jcache;

import io.dualcache.engine.Weigher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Configuration files written for a test, and the public classes they name (DualCache makes them
 * with their no-argument constructors, so they must be public and record into static fields).
 */
public final class ConfigFixtures {

  private static final AtomicInteger IDS = new AtomicInteger();

  private ConfigFixtures() {}

  /** Writes {@code hocon} to a new file in {@code directory} and returns its {@code file:} URI. */
  static URI write(Path directory, String hocon) {
    Path file = directory.resolve("dualcache-" + IDS.incrementAndGet() + ".conf");
    try {
      Files.writeString(file, hocon);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toUri();
  }

  /** The manager of a new file with {@code hocon}. */
  static CacheManager managerOf(Path directory, String hocon) {
    return Caching.getCachingProvider()
        .getCacheManager(write(directory, hocon), ConfigFixtures.class.getClassLoader());
  }

  /** Loads "value-of-" + key and counts its calls. */
  public static final class PrefixLoader implements CacheLoader<Object, Object> {
    static final AtomicInteger LOADS = new AtomicInteger();

    @Override
    public Object load(Object key) {
      LOADS.incrementAndGet();
      return "value-of-" + key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      throw new UnsupportedOperationException("not used");
    }
  }

  /** Records every written key. */
  public static final class RecordingWriter implements CacheWriter<Object, Object> {
    static final List<Object> WRITTEN = new CopyOnWriteArrayList<>();

    @Override
    public void write(javax.cache.Cache.Entry<?, ?> entry) {
      WRITTEN.add(entry.getKey());
    }

    @Override
    public void writeAll(java.util.Collection<javax.cache.Cache.Entry<?, ?>> entries) {
      entries.forEach(this::write);
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {}
  }

  /** Weighs a String value by its length. */
  public static final class LengthWeigher implements Weigher<Object, Object> {
    @Override
    public int weigh(Object key, Object value) {
      return value.toString().length();
    }
  }

  /** Records created and updated events: "created:key" or "updated:key:old->new". */
  public static final class RecordingListener
      implements CacheEntryCreatedListener<Object, Object>,
          CacheEntryUpdatedListener<Object, Object> {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {
      for (CacheEntryEvent<?, ?> event : events) {
        EVENTS.add("created:" + event.getKey());
        THREADS.add(Thread.currentThread().getName());
      }
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<?, ?>> events) {
      for (CacheEntryEvent<?, ?> event : events) {
        EVENTS.add(
            "updated:" + event.getKey() + ":" + event.getOldValue() + "->" + event.getValue());
      }
    }
  }

  /** Lets through events of keys that start with "keep". */
  public static final class KeepFilter implements CacheEntryEventFilter<Object, Object> {
    @Override
    public boolean evaluate(CacheEntryEvent<?, ?> event) {
      return event.getKey().toString().startsWith("keep");
    }
  }

  /** Runs tasks on a thread named "fixture-executor" and counts them; counts its close. */
  public static final class NamedThreadExecutor implements Executor, AutoCloseable {
    static final AtomicInteger TASKS = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final AtomicInteger MADE = new AtomicInteger();

    public NamedThreadExecutor() {
      MADE.incrementAndGet();
    }

    @Override
    public void execute(Runnable task) {
      TASKS.incrementAndGet();
      Thread thread = new Thread(task, "fixture-executor");
      thread.start();
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  /** Entries live 42 seconds after creation and are untouched by access and update. */
  public static final class FortyTwoSecondsFactory implements Factory<ExpiryPolicy> {
    private static final long serialVersionUID = 1L;

    @Override
    public ExpiryPolicy create() {
      return new ExpiryPolicy() {
        @Override
        public Duration getExpiryForCreation() {
          return new Duration(java.util.concurrent.TimeUnit.SECONDS, 42);
        }

        @Override
        public Duration getExpiryForAccess() {
          return null;
        }

        @Override
        public Duration getExpiryForUpdate() {
          return null;
        }
      };
    }
  }

  /** A factory of something that is not an ExpiryPolicy. */
  public static final class StringFactory implements Factory<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String create() {
      return "not a policy";
    }
  }

  /** A loader DualCache cannot make: its only constructor takes an argument. */
  public static final class LoaderWithoutNoArgConstructor implements CacheLoader<Object, Object> {
    public LoaderWithoutNoArgConstructor(String unused) {}

    @Override
    public Object load(Object key) {
      return key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      return Map.of();
    }
  }

  /** A listener whose constructor fails, as one that cannot reach its back end would. */
  public static final class ThrowingListener implements CacheEntryCreatedListener<Object, Object> {
    public ThrowingListener() {
      throw new IllegalStateException("no back end");
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {}
  }

  /** A loader DualCache cannot make: the class is not public. */
  static final class HiddenLoader implements CacheLoader<Object, Object> {
    public HiddenLoader() {}

    @Override
    public Object load(Object key) {
      return key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      return Map.of();
    }
  }

  /** A thread pool DualCache can make from a file; the manager shuts it down. */
  public static final class SingleThreadPool extends java.util.concurrent.ThreadPoolExecutor {
    public SingleThreadPool() {
      super(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>());
    }
  }

  /** An abstract loader. */
  public abstract static class AbstractLoader implements CacheLoader<Object, Object> {}
}
