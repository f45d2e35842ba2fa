package io.dualcache.redis;

/**
 * Turns the keys and values of a {@link SharedCache} into the bytes stored in Redis, and back.
 *
 * <p>Keys must round-trip: {@code decode(encode(k)).equals(k)}, because an invalidation from Redis
 * names a key by its bytes and the near copy is found by the decoded key. Equal keys must encode to
 * equal bytes (they are one Redis key). The conditional operations ({@link
 * SharedCache#replace(Object, Object, Object)}, {@link SharedCache#remove(Object, Object)}) compare
 * values as encoded bytes, so equal values should encode to equal bytes too. Implementations must
 * be thread-safe.
 */
public interface SharedCodec {

  /** The bytes of {@code value}, never null. */
  byte[] encode(Object value);

  /** The object {@code bytes} encode. */
  Object decode(byte[] bytes);

  /**
   * The default codec: compact forms for String, Integer, Long, Boolean and Double, Java
   * serialization (classes resolved through {@code loader}) for everything else. A String is stored
   * as its UTF-8 bytes, so an outside client's {@code SET prefix:cache:key text} reads back as the
   * String {@code "text"}.
   */
  static SharedCodec serialization(ClassLoader loader) {
    return new DefaultCodec(loader);
  }
}
