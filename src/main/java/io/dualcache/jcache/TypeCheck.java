package io.dualcache.jcache;

/**
 * The key and value types a cache was configured with ({@code setTypes}), checked on every write:
 * the cache's own writes and the values entry processors set. Reads and removals take a key of any
 * type: one of the wrong type is simply not there.
 */
final class TypeCheck {

  /** Null where the type is Object: nothing to check. */
  private final Class<?> keyType;

  private final Class<?> valueType;
  private final String cacheName;

  TypeCheck(Class<?> keyType, Class<?> valueType, String cacheName) {
    this.keyType = keyType == Object.class ? null : keyType;
    this.valueType = valueType == Object.class ? null : valueType;
    this.cacheName = cacheName;
  }

  /**
   * @throws ClassCastException naming the cache, the configured type and the type given, if the key
   *     or the value is not of its configured type
   */
  void check(Object key, Object value) {
    if (keyType != null && !keyType.isInstance(key)) {
      throw mismatch("keys", keyType, key);
    }
    if (valueType != null && !valueType.isInstance(value)) {
      throw mismatch("values", valueType, value);
    }
  }

  private ClassCastException mismatch(String what, Class<?> expected, Object actual) {
    return new ClassCastException(
        "cache \""
            + cacheName
            + "\" is configured for "
            + what
            + " of "
            + expected.getName()
            + ", not "
            + actual.getClass().getName());
  }
}
