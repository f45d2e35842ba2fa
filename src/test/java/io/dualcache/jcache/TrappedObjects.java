package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * The user objects of {@link UserCodeFailureMatrixTest}: each throws the {@link Trap}'s armed
 * failure when it is hit for the key {@value #BAD}, and works normally otherwise.
 */
final class TrappedObjects {

  static final String BAD = "bad";
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private TrappedObjects() {}

  /** Throws its armed failure when hit. */
  static final class Trap {
    volatile Throwable failure;
    volatile Throwable thrown;
    Recorder listener;

    void hitIf(boolean condition) {
      Throwable armed = failure;
      if (condition && armed != null) {
        thrown = armed;
        UserCodeFailureTest.throwIf(true, armed);
      }
    }

    Throwable thrown() {
      return thrown;
    }
  }

  /** Records the keys of created events; if trapped, throws for {@value #BAD} when armed. */
  static final class Recorder
      implements CacheEntryCreatedListener<String, String>,
          CacheEntryUpdatedListener<String, String> {
    private final Trap trap;
    private final boolean trapped;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    Recorder(Trap trap, boolean trapped) {
      this.trap = trap;
      this.trapped = trapped;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        hit(event);
        created.add(event.getKey());
      }
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(this::hit);
    }

    private void hit(CacheEntryEvent<? extends String, ? extends String> event) {
      if (trapped) {
        trap.hitIf(BAD.equals(event.getKey()));
      }
    }

    void awaitAll(Collection<String> keys) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT_NANOS;
      while (!created.containsAll(keys)) {
        if (System.nanoTime() > deadline) {
          List<String> missing = new ArrayList<>(keys);
          missing.removeAll(created);
          fail("events never delivered for " + missing);
        }
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
  }

  static final class TrappedLoader implements CacheLoader<String, String> {
    private final Trap trap;

    TrappedLoader(Trap trap) {
      this.trap = trap;
    }

    @Override
    public String load(String key) {
      trap.hitIf(BAD.equals(key));
      return "loaded";
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new LinkedHashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  /** Writes one entry at a time, removing each written one from the batch, as the spec asks. */
  static final class TrappedWriter implements CacheWriter<String, String> {
    private final Trap trap;

    TrappedWriter(Trap trap) {
      this.trap = trap;
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      trap.hitIf(BAD.equals(entry.getKey()));
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (Iterator<Cache.Entry<? extends String, ? extends String>> it = entries.iterator();
          it.hasNext(); ) {
        write(it.next());
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }
  }

  /** Eternal; throws in the one method its kind names. */
  static final class TrappedExpiry implements ExpiryPolicy {
    private final Trap trap;
    private final UserCodeFailureMatrixTest.Kind kind;

    TrappedExpiry(Trap trap, UserCodeFailureMatrixTest.Kind kind) {
      this.trap = trap;
      this.kind = kind;
    }

    @Override
    public Duration getExpiryForCreation() {
      trap.hitIf(kind == UserCodeFailureMatrixTest.Kind.EXPIRY_ON_CREATION);
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      trap.hitIf(kind == UserCodeFailureMatrixTest.Kind.EXPIRY_ON_ACCESS);
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      trap.hitIf(kind == UserCodeFailureMatrixTest.Kind.EXPIRY_ON_UPDATE);
      return null;
    }
  }

  /** Shares every object (strings are immutable); throws when it is asked to copy one. */
  static final class TrappedCopier implements Copier {
    private final Trap trap;
    private final Object target;

    TrappedCopier(Trap trap, Object target) {
      this.trap = trap;
      this.target = target;
    }

    @Override
    public <T> T copy(T object, ClassLoader classLoader) {
      trap.hitIf(target.equals(object));
      return object;
    }
  }
}
