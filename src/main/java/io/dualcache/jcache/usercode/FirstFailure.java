package io.dualcache.jcache.usercode;

import java.lang.System.Logger.Level;

/**
 * The failure a call on many keys or registrations throws once it applied every one it could: the
 * first one recorded, unless an Error comes later (an Error is never hidden behind an exception).
 * The others are logged (not added as suppressed: a user object may throw one shared instance every
 * time, which would then grow without end). Used by one thread.
 */
public final class FirstFailure {

  private static final System.Logger LOG = System.getLogger(FirstFailure.class.getName());

  private final String operation;
  private final String cacheName;
  private Throwable first;

  /** The log names the operation ({@code putAll}) and the cache. */
  public FirstFailure(String operation, String cacheName) {
    this.operation = operation;
    this.cacheName = cacheName;
  }

  /** Records {@code failure}, a RuntimeException or an Error; null is nothing. */
  public void add(Throwable failure) {
    if (failure == null || failure == first) {
      return;
    }
    if (first == null) {
      first = failure;
      return;
    }
    Throwable other = failure;
    if (failure instanceof Error && !(first instanceof Error)) {
      other = first;
      first = failure;
    }
    LOG.log(
        Level.WARNING,
        operation
            + " of cache \""
            + cacheName
            + "\" failed more than once; this failure is logged, not rethrown",
        other);
  }

  /** The failure to report, or null. */
  public Throwable get() {
    return first;
  }

  /** Throws the failure, if any. */
  public void rethrow() {
    if (first instanceof RuntimeException e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
    if (first != null) { // nothing else is ever recorded
      throw new IllegalStateException("unexpected checked exception", first);
    }
  }
}
