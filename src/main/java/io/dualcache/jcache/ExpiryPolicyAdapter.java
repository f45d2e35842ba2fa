package io.dualcache.jcache;

import io.dualcache.engine.Expiry;
import java.lang.System.Logger.Level;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * A JSR-107 {@link ExpiryPolicy} as the engine's {@link Expiry}: each call asks the policy once and
 * turns its {@link Duration} into a lifetime in nanoseconds ({@link Duration#ETERNAL} becomes
 * {@link Expiry#ETERNAL}, {@link Duration#ZERO} becomes 0, null becomes {@link Expiry#KEEP}).
 *
 * <p>This is the one place the policy is called (see {@code io.dualcache.jcache.usercode}). A
 * policy that throws a RuntimeException is handled as the reference implementation does (the spec
 * leaves it to the implementation): the failure is logged, a new entry becomes eternal, an updated
 * or read entry keeps its deadline. An Error passes as it is: the write that asked does not happen
 * (the call is inside its compute, before the change), the read that asked throws it and the entry
 * stays.
 *
 * <p>The standard policies whose access duration is always null report {@link #movesOnRead()} as
 * false, so a {@code get} on such a cache never calls the policy. The check is on the exact class:
 * a subclass may override {@code getExpiryForAccess}.
 */
final class ExpiryPolicyAdapter<K, V> implements Expiry<K, V> {

  private static final System.Logger LOG = System.getLogger(ExpiryPolicyAdapter.class.getName());

  private final ExpiryPolicy policy;
  private final boolean movesOnRead;
  private final boolean eternal;

  ExpiryPolicyAdapter(ExpiryPolicy policy) {
    this.policy = policy;
    Class<?> type = policy.getClass();
    this.eternal = type == EternalExpiryPolicy.class;
    this.movesOnRead =
        !(eternal || type == CreatedExpiryPolicy.class || type == ModifiedExpiryPolicy.class);
  }

  /** Whether every entry lives forever, so the engine needs no clock at all. */
  boolean isEternal() {
    return eternal;
  }

  /** The policy, to be closed with the cache. */
  ExpiryPolicy policy() {
    return policy;
  }

  /** The lifetime of a new entry: never {@link Expiry#KEEP}. */
  long creation() {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "getExpiryForCreation failed; the entry will not expire", e);
      return Expiry.ETERNAL;
    }
    return duration == null ? Expiry.ETERNAL : toNanos(duration);
  }

  /** The lifetime after an update, or {@link Expiry#KEEP}. */
  long update() {
    try {
      return toNanosOrKeep(policy.getExpiryForUpdate());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "getExpiryForUpdate failed; the deadline is kept", e);
      return Expiry.KEEP;
    }
  }

  /** The lifetime after a read, or {@link Expiry#KEEP}. */
  long access() {
    try {
      return toNanosOrKeep(policy.getExpiryForAccess());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "getExpiryForAccess failed; the deadline is kept", e);
      return Expiry.KEEP;
    }
  }

  @Override
  public long afterCreate(K key, V value) {
    return creation();
  }

  @Override
  public long afterUpdate(K key, V value) {
    return update();
  }

  @Override
  public long afterRead(K key, V value) {
    return access();
  }

  @Override
  public boolean movesOnRead() {
    return movesOnRead;
  }

  private static long toNanosOrKeep(Duration duration) {
    return duration == null ? Expiry.KEEP : toNanos(duration);
  }

  static long toNanos(Duration duration) {
    if (duration.isEternal()) {
      return Expiry.ETERNAL;
    }
    if (duration.isZero()) {
      return 0L;
    }
    // TimeUnit saturates at Long.MAX_VALUE, which the engine reads as eternal: right for ~292 years
    return duration.getTimeUnit().toNanos(duration.getDurationAmount());
  }
}
