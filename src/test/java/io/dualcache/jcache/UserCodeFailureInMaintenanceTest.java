package io.dualcache.jcache;

import static io.dualcache.jcache.UserCodeFailureTest.factory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.jcache.UserCodeFailureTest.Boom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * User code that fails while the engine runs it in maintenance (the expiry sweep) or before a
 * write's own change (the EXPIRED event of the entry the write replaces). These rely on the
 * engine's rule: in maintenance a listener's exception, an Error included, is logged and
 * maintenance goes on (the sweep finishes, the bound is kept); a listener that throws inside a
 * write does not undo the write, and its exception reaches the caller of that write.
 */
class UserCodeFailureInMaintenanceTest {

  private static final int BOUND = 100;
  private static final int EXPIRING = 50; // fewer than the bound: none is evicted before it expires
  private static final long LIFETIME_MS = 100;
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private CacheManager manager;

  @BeforeEach
  void open() {
    manager = TestManagers.fresh("maintenance");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** The user object that throws on the EXPIRED events of the sweep. */
  enum Thrower {
    LISTENER_RUNTIME_EXCEPTION,
    LISTENER_ERROR,
    FILTER_ERROR,
    COPIER_ERROR;

    Throwable failure() {
      String message = this + " failed on purpose";
      return this == LISTENER_RUNTIME_EXCEPTION
          ? new IllegalStateException(message)
          : new Boom(message);
    }
  }

  @ParameterizedTest
  @EnumSource(Thrower.class)
  void aSynchronousExpiredListenerThatThrowsInTheSweepStallsNeitherTheSweepNorTheBound(
      Thrower thrower) throws Exception {
    Throwable failure = thrower.failure();
    Set<String> failedOn = ConcurrentHashMap.newKeySet();
    Set<String> witnessed = ConcurrentHashMap.newKeySet();
    DualCacheConfiguration<String, String> configuration =
        new DualCacheConfiguration<String, String>().setMaximumSize(BOUND);
    ShortLivedUntilTold expiry = new ShortLivedUntilTold();
    configuration.setExpiryPolicyFactory(factory(expiry));
    AtomicBoolean armed = new AtomicBoolean();
    CacheEntryExpiredListener<String, String> failing =
        events ->
            events.forEach(
                e -> {
                  if (thrower.name().startsWith("LISTENER") && armed.get()) {
                    failedOn.add(e.getKey());
                    UserCodeFailureTest.throwIf(true, failure);
                  }
                });
    CacheEntryEventFilter<String, String> filter =
        e -> {
          if (thrower == Thrower.FILTER_ERROR && armed.get()) {
            failedOn.add(e.getKey());
            UserCodeFailureTest.throwIf(true, failure);
          }
          return true;
        };
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            factory(failing), factory(filter), true, true));
    CacheEntryExpiredListener<String, String> witness =
        events -> events.forEach(e -> witnessed.add(e.getKey()));
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory(witness), null, true, true));
    if (thrower == Thrower.COPIER_ERROR) {
      configuration.setCopier(
          new Copier() {
            @Override
            public <T> T copy(T object, ClassLoader classLoader) {
              if (armed.get() && object instanceof String s && s.startsWith("expiring-")) {
                failedOn.add(s);
                UserCodeFailureTest.throwIf(true, failure);
              }
              return object;
            }
          });
    }
    Cache<String, String> cache = manager.createCache("sweep-" + thrower, configuration);
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    List<String> expiring = new ArrayList<>();
    for (int i = 0; i < EXPIRING; i++) {
      expiring.add("expiring-" + i);
      cache.put("expiring-" + i, "v");
    }
    armed.set(true);

    TimeUnit.MILLISECONDS.sleep(2 * LIFETIME_MS);
    awaitTrue(() -> engine.size() == 0, () -> "the daemon's sweep left " + engine.size());

    assertTrue(!failedOn.isEmpty(), "the user object was called in the sweep and threw");
    if (thrower != Thrower.COPIER_ERROR) { // a copier that fails fails every listener's event
      awaitTrue(
          () -> witnessed.containsAll(expiring), () -> "expired events witnessed: " + witnessed);
    }
    // Maintenance goes on: the bound is kept afterwards (by eviction: these entries are eternal).
    expiry.shortLived = false;
    for (int i = 0; i < 3 * BOUND; i++) {
      cache.put("other-" + i, "v");
    }
    awaitTrue(() -> engine.size() <= BOUND, () -> "the daemon evicts: size " + engine.size());
    engine.cleanUp();
    assertEquals(BOUND, engine.size());
  }

  @ParameterizedTest
  @EnumSource(
      value = Thrower.class,
      names = {"LISTENER_RUNTIME_EXCEPTION", "LISTENER_ERROR"})
  void aWriteThatFindsItsEntryExpiredTakesEffectThoughTheExpiredListenerThrows(Thrower thrower)
      throws Exception {
    Throwable failure = thrower.failure();
    MutableConfigurationWithListener setup = new MutableConfigurationWithListener(failure);
    Cache<String, String> cache = manager.createCache("write-" + thrower, setup.configuration);
    cache.put("k", "old");
    TimeUnit.MILLISECONDS.sleep(2 * LIFETIME_MS); // expired, and the daemon sweeps once a second
    setup.armed = true;

    Throwable thrown = assertThrows(Throwable.class, () -> cache.put("k", "new"));
    setup.armed = false;

    Throwable cause = thrown instanceof Boom ? thrown : thrown.getCause();
    assertSame(failure, cause, "the listener's failure reaches the writer");
    assertEquals("new", cache.unwrap(DualCache.class).peek("k"), "the write took effect");
  }

  /**
   * Entries created while {@link #shortLived} live {@value #LIFETIME_MS} ms, later ones forever.
   */
  static final class ShortLivedUntilTold implements ExpiryPolicy {
    volatile boolean shortLived = true;

    @Override
    public Duration getExpiryForCreation() {
      return shortLived ? new Duration(TimeUnit.MILLISECONDS, LIFETIME_MS) : Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  /** A cache whose synchronous EXPIRED listener throws while armed. */
  private static final class MutableConfigurationWithListener {
    final DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    volatile boolean armed;

    MutableConfigurationWithListener(Throwable failure) {
      configuration.setExpiryPolicyFactory(
          CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, LIFETIME_MS)));
      CacheEntryExpiredListener<String, String> listener =
          events -> UserCodeFailureTest.throwIf(armed, failure);
      configuration.addCacheEntryListenerConfiguration(
          new MutableCacheEntryListenerConfiguration<>(factory(listener), null, true, true));
    }
  }

  private static void awaitTrue(
      BooleanSupplier condition, java.util.function.Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, message);
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }
}
