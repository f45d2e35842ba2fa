package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The node of every cache that refreshes entries, bounded or not: a {@link WeightedNode} (weight 1
 * unless the cache weighs entries) plus the {@link RefreshWord}. One class for the three kinds of
 * bound costs such caches 8 to 24 bytes per entry over the smallest node of their kind (64 bytes
 * with compressed oops), and no cache that does not refresh anything.
 */
final class RefreshNode<K, V> extends WeightedNode<K, V> {

  private static final VarHandle REFRESH;

  static {
    try {
      REFRESH = MethodHandles.lookup().findVarHandle(RefreshNode.class, "refresh", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The {@link RefreshWord}: changed only by CAS (by the key's writer, a reader that starts a
   * reload, the reload that ends); read opaque.
   */
  @SuppressWarnings("unused") // accessed through REFRESH
  private long refresh;

  RefreshNode(int hash, K key, V value, long deadline, int weight, long writtenTick) {
    super(hash, key, value, deadline, weight);
    REFRESH.set(this, RefreshWord.writtenAt(writtenTick)); // published with the node
  }

  @Override
  long refreshWordOpaque() {
    return (long) REFRESH.getOpaque(this);
  }

  @Override
  boolean compareAndSetRefreshWord(long seen, long next) {
    return REFRESH.compareAndSet(this, seen, next);
  }
}
