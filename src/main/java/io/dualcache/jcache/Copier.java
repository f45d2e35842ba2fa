package io.dualcache.jcache;

/**
 * Makes the copies of keys and values that a store-by-value cache keeps and hands out, so that
 * neither the caller nor the cache sees the other's later changes to an object. Set one with {@link
 * DualCacheConfiguration#setCopier}; the default is {@link SerializingCopier}.
 *
 * <p>The cache does not call it for the classes of {@link
 * DualCacheConfiguration#setImmutableTypes}, nor, when {@link #sharesImmutableTypes} says so, for
 * the immutable types it knows (immutable JDK types, enums, records of immutable components): those
 * are kept as they are. A copier may return other objects themselves too, when it knows them to be
 * immutable. It is called by many threads at once, so it must be thread-safe.
 */
@FunctionalInterface
public interface Copier {

  /**
   * Returns an independent copy of {@code object} (never null for a non-null argument).
   *
   * @param object the key or value to copy, never null
   * @param classLoader the cache manager's class loader, to resolve the classes of the copy; null
   *     once that loader has been garbage collected (then no value of its classes is in the cache)
   * @throws IllegalArgumentException if {@code object} cannot be copied (for example, it is not
   *     serializable), with a message that names its class
   */
  <T> T copy(T object, ClassLoader classLoader);

  /**
   * Whether this copier hands back the instances of the immutable types DualCache knows (immutable
   * JDK types, enums, records of immutable components) as they are; if so, the cache does that
   * itself without calling {@link #copy}, remembering the last class it found immutable. False by
   * default: a copier of its own is asked for every object.
   */
  default boolean sharesImmutableTypes() {
    return false;
  }
}
