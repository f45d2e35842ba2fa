package io.dualcache.jcache.usercode;

import io.dualcache.jcache.Copier;
import java.lang.ref.WeakReference;
import java.util.Set;
import javax.cache.CacheException;

/**
 * How one cache moves keys and values across its boundary: copies made by its {@link Copier} with
 * its manager's class loader when it stores by value, the objects themselves when it stores by
 * reference.
 *
 * <p>This is the one place the copier is called, and what its failures do (the rule is in this
 * package's overview). A copy in that fails with any RuntimeException is an {@link
 * IllegalArgumentException} naming the object's class and the cache, thrown before the cache
 * changed: the object cannot be stored. A copy out that fails (the stored copy cannot be copied
 * again, or read back) is a {@link CacheException} naming both; the entry stays as it is. An Error
 * passes as it is.
 */
public final class Copies {

  private final boolean byValue;
  private final Copier copier;

  /** The copier's {@link Copier#sharesImmutableTypes}, asked once. */
  private final boolean copierSharesImmutables;

  /**
   * Weak, like the manager's: the provider maps class loaders weakly to their managers, and this
   * cache is reachable from them (and from its daemon thread) as long as it is open.
   */
  private final WeakReference<ClassLoader> classLoader;

  private final String cacheName;

  /** Classes the user vouched for as immutable ({@code immutable-types}): shared, not copied. */
  private final Set<Class<?>> immutableTypes;

  public Copies(
      boolean byValue,
      Copier copier,
      ClassLoader classLoader,
      String cacheName,
      Set<Class<?>> immutableTypes) {
    this.byValue = byValue;
    this.copier = copier;
    this.copierSharesImmutables = copier.sharesImmutableTypes();
    this.classLoader = new WeakReference<>(classLoader);
    this.cacheName = cacheName;
    this.immutableTypes = Set.copyOf(immutableTypes);
  }

  /**
   * The class of the last object found immutable: a cache's values are mostly of one class, so one
   * compare usually answers. Written by whichever thread found a new one, read by all (volatile; a
   * stale class only costs the full check).
   */
  private volatile Class<?> lastImmutableClass;

  /**
   * Whether {@code object} can be kept and handed out as it is, without asking the copier: of a
   * class the user declared immutable (compared exactly), or, when the copier shares them (the
   * default one and the Fory copier do), of a type it would not copy anyway (see {@link
   * ImmutableTypes}; asked here so that the last class found saves the lookup).
   */
  private boolean shareable(Object object) {
    Class<?> type = object.getClass();
    if (type == lastImmutableClass) {
      return true;
    }
    if (immutableTypes.contains(type)
        || (copierSharesImmutables && ImmutableTypes.isImmutable(object))) {
      lastImmutableClass = type;
      return true;
    }
    return false;
  }

  /** The object to store for {@code object}, a key or value the caller handed in. */
  public <T> T in(T object) {
    if (!byValue || shareable(object)) {
      return object;
    }
    try {
      return copier.copy(object, classLoader.get());
    } catch (IllegalArgumentException e) { // the copier's own message names the class
      throw new IllegalArgumentException(
          "cache \"" + cacheName + "\" stores by value, but " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cache \""
              + cacheName
              + "\" stores by value, but a "
              + object.getClass().getName()
              + " cannot be copied: "
              + e,
          e);
    }
  }

  /** The object to hand out for {@code stored}, or null for null. */
  public <T> T out(T stored) {
    if (!byValue || stored == null || shareable(stored)) {
      return stored;
    }
    try {
      return copier.copy(stored, classLoader.get());
    } catch (RuntimeException e) {
      throw new CacheException(
          "cache \""
              + cacheName
              + "\" stores by value, but its copy of a "
              + stored.getClass().getName()
              + " could not be copied out: "
              + e.getMessage(),
          e);
    }
  }
}
