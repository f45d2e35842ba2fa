package io.dualcache.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the keys and values of one shared cache become Redis bytes and back: every key is {@code
 * <key-prefix>:<cache name>:} followed by the codec's bytes of the key, with {@code :} and {@code
 * \} in the cache name escaped by a {@code \}: the first unescaped {@code :} ends the name, so no
 * cache's keys start with another cache's prefix ({@code orders} and {@code orders:archive} stay
 * apart). Thread-safe.
 */
final class RedisKeys {
  private final RedisSharing sharing;
  private final String cacheName;
  private final byte[] prefix;

  RedisKeys(RedisSharing sharing, String cacheName) {
    this.sharing = sharing;
    this.cacheName = cacheName;
    String name = cacheName.replace("\\", "\\\\").replace(":", "\\:");
    this.prefix = (sharing.keyPrefix() + ":" + name + ":").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code <key-prefix>:<cache name, escaped>:}. */
  String prefix() {
    return new String(prefix, StandardCharsets.UTF_8);
  }

  /** Whether {@code redisKey} is one of this cache's keys. */
  boolean isMine(byte[] redisKey) {
    return redisKey.length >= prefix.length
        && Arrays.equals(redisKey, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * The Redis key of {@code key}.
   *
   * @throws IllegalArgumentException if the codec cannot encode it
   */
  byte[] of(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] k;
    try {
      k = sharing.codec().encode(key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "shared cache '" + cacheName + "': cannot encode the key: " + e.getMessage(), e);
    }
    byte[] full = Arrays.copyOf(prefix, prefix.length + k.length);
    System.arraycopy(k, 0, full, prefix.length, k.length);
    return full;
  }

  /** The key whose Redis key is {@code redisKey} (one of this cache's). */
  Object keyOf(byte[] redisKey) {
    return sharing.codec().decode(Arrays.copyOfRange(redisKey, prefix.length, redisKey.length));
  }

  /**
   * The bytes of {@code value}.
   *
   * @throws IllegalArgumentException if the codec cannot encode it
   */
  byte[] encode(Object value) {
    try {
      return sharing.codec().encode(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "shared cache '" + cacheName + "': cannot encode the value: " + e.getMessage(), e);
    }
  }

  /**
   * The value {@code bytes} encode.
   *
   * @throws SharedCacheException if the codec cannot decode them
   */
  Object decode(byte[] bytes) {
    try {
      return sharing.codec().decode(bytes);
    } catch (RuntimeException e) {
      throw sharing.failure("decoding a value", cacheName, e);
    }
  }

  /**
   * The {@code SCAN MATCH} pattern of this cache's keys (glob characters of the prefix escaped).
   */
  byte[] pattern() {
    StringBuilder b = new StringBuilder();
    for (char c : prefix().toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('*').toString().getBytes(StandardCharsets.UTF_8);
  }
}
