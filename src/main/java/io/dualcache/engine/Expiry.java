package io.dualcache.engine;

import java.time.Duration;

/**
 * Decides for how long an entry lives, as a duration in nanoseconds from the moment of the event.
 * Return {@link #ETERNAL} for no deadline, {@code 0} to expire the entry at once, or (for update
 * and read) {@link #KEEP} to leave the current deadline unchanged.
 *
 * <p>The engine turns a duration into a deadline in epoch ticks, rounded up, so an entry never
 * expires early. {@link #afterRead} is called on every hit when {@link #movesOnRead()} is true:
 * such reads read the ticker once and publish the new deadline without a lock.
 */
public interface Expiry<K, V> {

  /** No deadline. */
  long ETERNAL = Long.MAX_VALUE;

  /** Keep the current deadline (valid for update and read). */
  long KEEP = -1L;

  /** The lifetime of a newly created entry. */
  long afterCreate(K key, V value);

  /** The lifetime after the value of an existing entry is replaced. */
  default long afterUpdate(K key, V value) {
    return KEEP;
  }

  /** The lifetime after a hit; only consulted when {@link #movesOnRead()} is true. */
  default long afterRead(K key, V value) {
    return KEEP;
  }

  /** Whether {@link #afterRead} may return something other than {@link #KEEP}. */
  default boolean movesOnRead() {
    return false;
  }

  /** Entries live for {@code ttl} after they were created or last replaced. */
  static <K, V> Expiry<K, V> afterWrite(Duration ttl) {
    long nanos = Durations.toNanos("expireAfterWrite", ttl);
    return new Expiry<>() {
      @Override
      public long afterCreate(K key, V value) {
        return nanos;
      }

      @Override
      public long afterUpdate(K key, V value) {
        return nanos;
      }
    };
  }

  /** Entries live for {@code ttl} after they were created, replaced or last read. */
  static <K, V> Expiry<K, V> afterAccess(Duration ttl) {
    long nanos = Durations.toNanos("expireAfterAccess", ttl);
    return new Expiry<>() {
      @Override
      public long afterCreate(K key, V value) {
        return nanos;
      }

      @Override
      public long afterUpdate(K key, V value) {
        return nanos;
      }

      @Override
      public long afterRead(K key, V value) {
        return nanos;
      }

      @Override
      public boolean movesOnRead() {
        return true;
      }
    };
  }
}
