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

  /**
   * Whether the cache keeps deadlines (it was built with an {@link Expiry}): only then may an
   * action give an entry a lifetime other than {@link Expiry#ETERNAL}.
   */
  private final boolean keepsDeadlines;

  private V value;
  private Op op = Op.NONE;
  private long lifetime = POLICY;

  ComputeEntry(K key, V current, boolean keepsDeadlines) {
    this.key = key;
    this.value = current;
    this.existed = current != null;
    this.keepsDeadlines = keepsDeadlines;
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

  private void checkLifetime(long nanos) {
    if (nanos == POLICY) { // the internal "ask the Expiry", never passed in by an action
      return;
    }
    Limits.lifetime(nanos);
    if (!keepsDeadlines && nanos != Expiry.ETERNAL && nanos != Expiry.KEEP) {
      throw new IllegalStateException(
          "a lifetime of "
              + nanos
              + " ns for key "
              + key
              + ": this cache was built without an expiry, so its entries keep no deadline;"
              + " build it with DualCacheBuilder.expiry, e.g. expiry((k, v) -> Expiry.ETERNAL)"
              + " to give lifetimes only where an action sets one");
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
