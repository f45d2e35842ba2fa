package io.dualcache.jcache;

/**
 * How one cache moves keys and values across its boundary: copies made by its {@link Copier} with
 * its manager's class loader when it stores by value, the objects themselves when it stores by
 * reference. A failed copy is reported with the cache's name, before the cache changed.
 */
final class Copies {

  private final boolean byValue;
  private final Copier copier;
  private final ClassLoader classLoader;
  private final String cacheName;

  Copies(boolean byValue, Copier copier, ClassLoader classLoader, String cacheName) {
    this.byValue = byValue;
    this.copier = copier;
    this.classLoader = classLoader;
    this.cacheName = cacheName;
  }

  boolean byValue() {
    return byValue;
  }

  /** The object to store for {@code object}, a key or value the caller handed in. */
  <T> T in(T object) {
    return byValue ? copy(object) : object;
  }

  /** The object to hand out for {@code stored}, or null for null. */
  <T> T out(T stored) {
    return byValue && stored != null ? copy(stored) : stored;
  }

  private <T> T copy(T object) {
    try {
      return copier.copy(object, classLoader);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cache \"" + cacheName + "\" stores by value, but " + e.getMessage(), e);
    }
  }
}
