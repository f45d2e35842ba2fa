package io.dualcache.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Iterates over the entries Redis holds for one shared cache: a page of keys at a time ({@code SCAN
 * MATCH <prefix>*}), their values in one {@code MGET}; keys deleted between the two are skipped.
 * Weakly consistent, as SCAN is: an entry present for the whole iteration is returned, one written
 * or removed meanwhile may or may not be. Not thread-safe.
 */
final class SharedIterator<K, V> implements Iterator<Map.Entry<K, V>> {
  private static final int PAGE = 500;

  private final SharedCache<K, V> cache;
  private final RedisSharing sharing;
  private final ScanArgs args;
  private final ArrayDeque<Map.Entry<K, V>> page = new ArrayDeque<>();
  private ScanCursor cursor = ScanCursor.INITIAL;

  SharedIterator(SharedCache<K, V> cache, RedisSharing sharing, byte[] pattern) {
    this.cache = cache;
    this.sharing = sharing;
    this.args = ScanArgs.Builder.matches(pattern).limit(PAGE);
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !cursor.isFinished()) {
      fetchPage();
    }
    return !page.isEmpty();
  }

  @Override
  public Map.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.poll();
  }

  @SuppressWarnings("unchecked") // keys and values of this cache
  private void fetchPage() {
    List<KeyValue<byte[], byte[]>> values;
    try {
      KeyScanCursor<byte[]> keys = sharing.commands().scan(cursor, args);
      cursor = keys;
      if (keys.getKeys().isEmpty()) {
        return;
      }
      values = sharing.commands().mget(keys.getKeys().toArray(new byte[0][]));
    } catch (RuntimeException e) {
      throw sharing.failure("iterating (SCAN/MGET)", cache.name(), e);
    }
    for (KeyValue<byte[], byte[]> kv : values) {
      if (kv.hasValue()) {
        page.add(
            new AbstractMap.SimpleImmutableEntry<>(
                (K) cache.decodeKey(kv.getKey()), cache.decodeValue(kv.getValue())));
      }
    }
  }
}
