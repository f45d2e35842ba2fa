package io.dualcache.engine;

/**
 * The {@link EditableEntry} that {@link DualCache#compute} hands to an action. It only records what
 * the action asks for; the cache applies it after the action returned normally.
 */
final class ComputeEntry<K, V> implements EditableEntry<K, V> {

  /** What the action asked for, the last request winning. */
  enum Op {
    NONE,
    SET,
    REMOVE,
    TOUCH
  }

  /** Marks "no explicit lifetime: ask the cache's Expiry". */
  static final long POLICY = Long.MIN_VALUE;

  private final K key;
  private final boolean existed;
  private V value;
  private Op op = Op.NONE;
  private long lifetime = POLICY;

  ComputeEntry(K key, V current) {
    this.key = key;
    this.value = current;
    this.existed = current != null;
  }

  @Override
  public K key() {
    return key;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public V value() {
    return value;
  }

  @Override
  public void setValue(V newValue) {
    setValue(newValue, POLICY);
  }

  @Override
  public void setValue(V newValue, long expiryNanos) {
    if (newValue == null) {
      throw new NullPointerException("value must not be null");
    }
    checkLifetime(expiryNanos);
    value = newValue;
    op = Op.SET;
    lifetime = expiryNanos;
  }

  @Override
  public void setExpiry(long expiryNanos) {
    checkLifetime(expiryNanos);
    if (op == Op.SET) {
      lifetime = expiryNanos;
    } else if (value != null) {
      op = Op.TOUCH;
      lifetime = expiryNanos;
    }
  }

  @Override
  public void remove() {
    value = null;
    op = existed ? Op.REMOVE : Op.NONE;
    lifetime = POLICY;
  }

  private static void checkLifetime(long nanos) {
    if (nanos != POLICY) { // the internal "ask the Expiry", never passed in by an action
      Limits.lifetime(nanos);
    }
  }

  boolean existed() {
    return existed;
  }

  Op op() {
    return op;
  }

  long lifetime() {
    return lifetime;
  }
}
