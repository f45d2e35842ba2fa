package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.Expiry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** How JSR-107 expiry policies become engine lifetimes. */
class ExpiryPolicyAdapterTest {

  private static final Duration MINUTE = new Duration(TimeUnit.MINUTES, 1);

  @Test
  void policiesWhoseAccessDurationIsAlwaysNullDoNotMoveOnRead() {
    assertFalse(new ExpiryPolicyAdapter<>(new EternalExpiryPolicy()).movesOnRead());
    assertFalse(new ExpiryPolicyAdapter<>(new CreatedExpiryPolicy(MINUTE)).movesOnRead());
    assertFalse(new ExpiryPolicyAdapter<>(new ModifiedExpiryPolicy(MINUTE)).movesOnRead());
    assertTrue(new ExpiryPolicyAdapter<>(new AccessedExpiryPolicy(MINUTE)).movesOnRead());
    assertTrue(new ExpiryPolicyAdapter<>(new TouchedExpiryPolicy(MINUTE)).movesOnRead());
    // any other policy may return an access duration: it is asked on every hit
    assertTrue(new ExpiryPolicyAdapter<>(new CountingAccess(null)).movesOnRead());
  }

  @Test
  void durationsBecomeNanosecondsZeroAndEternal() {
    assertEquals(60_000_000_000L, ExpiryPolicyAdapter.toNanos(MINUTE));
    assertEquals(0L, ExpiryPolicyAdapter.toNanos(Duration.ZERO));
    assertEquals(Expiry.ETERNAL, ExpiryPolicyAdapter.toNanos(Duration.ETERNAL));
    assertEquals(
        Expiry.ETERNAL, ExpiryPolicyAdapter.toNanos(new Duration(TimeUnit.DAYS, 1L << 50)));
  }

  @Test
  void nullMeansKeepAndAFailingPolicyFallsBackAsTheReferenceImplementationDoes() {
    ExpiryPolicyAdapter<Object, Object> created =
        new ExpiryPolicyAdapter<>(new CreatedExpiryPolicy(MINUTE));
    assertEquals(Expiry.KEEP, created.update());
    assertEquals(Expiry.KEEP, created.access());

    ExpiryPolicyAdapter<Object, Object> failing = new ExpiryPolicyAdapter<>(new FailingPolicy());
    assertEquals(Expiry.ETERNAL, failing.creation());
    assertEquals(Expiry.KEEP, failing.update());
    assertEquals(Expiry.KEEP, failing.access());
  }

  @Test
  void getAsksTheAccessDurationOncePerHitAndNeverOnAMiss() {
    CountingAccess policy = new CountingAccess(Duration.ZERO);
    CacheManager manager = TestManagers.fresh("expiry");
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.setExpiryPolicyFactory(() -> policy);
    Cache<String, String> cache = manager.createCache("accessed", configuration);

    cache.get("missing");
    assertEquals(0, policy.accesses.get());
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    assertEquals(1, policy.accesses.get());
    assertNull(cache.get("k"), "a zero access duration expires the entry after the read");
    manager.close();
  }

  /** Throws from every method. */
  static final class FailingPolicy implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      throw new IllegalStateException("creation");
    }

    @Override
    public Duration getExpiryForAccess() {
      throw new IllegalStateException("access");
    }

    @Override
    public Duration getExpiryForUpdate() {
      throw new IllegalStateException("update");
    }
  }

  /** Eternal entries, the given access duration, counted. */
  static final class CountingAccess implements ExpiryPolicy {
    final AtomicInteger accesses = new AtomicInteger();
    private final Duration access;

    CountingAccess(Duration access) {
      this.access = access;
    }

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      accesses.incrementAndGet();
      return access;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }
}
