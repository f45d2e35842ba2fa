package io.dualcache.engine;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The iterator of {@link DualCache#iterator()}: walks each segment's current slot array, reading
 * slots with acquire, and returns the live, unexpired entries. Weakly consistent: a rehash or a
 * clear installs a new array, and the walk goes on in the one it holds, whose nodes are the same
 * objects (their values current, removed ones dead).
 */
final class EntryIterator<K, V> implements Iterator<Map.Entry<K, V>> {
  private final DualCache<K, V> cache;
  private final EpochClock clock;
  private final Segment<K, V>[] segments;
  private int segment = -1;
  private Node<K, V>[] slots;
  private int slot;
  private Map.Entry<K, V> next;
  private K lastKey;

  EntryIterator(DualCache<K, V> cache, Index<K, V> index, EpochClock clock) {
    this.cache = cache;
    this.clock = clock;
    this.segments = index.segments();
    advance();
  }

  private void advance() {
    next = null;
    long tick = clock.tickAcquire();
    while (true) {
      while (slots == null || slot >= slots.length) {
        if (++segment >= segments.length) {
          return;
        }
        slots = segments[segment].slots();
        slot = 0;
      }
      Node<K, V> n = Segment.slotAcquire(slots, slot++); // sees the fields as linked
      if (Segment.isNode(n)) {
        V value = n.valueAcquire();
        if (value != null && !n.expiredAt(tick)) {
          next = new SimpleImmutableEntry<>(n.key, value);
          return;
        }
      }
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Map.Entry<K, V> next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    cache.checkOpen();
    Map.Entry<K, V> e = next;
    lastKey = e.getKey();
    advance();
    return e;
  }

  @Override
  public void remove() {
    if (lastKey == null) {
      throw new IllegalStateException("next() was not called, or remove() was called already");
    }
    cache.remove(lastKey);
    lastKey = null;
  }
}
