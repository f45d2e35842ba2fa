package io.dualcache.redis;

import javax.cache.CacheException;

/**
 * A Redis command of a {@link SharedCache} failed (timed out, Redis unreachable, a reply that could
 * not be decoded). The message names the cache and the Redis address, never the password. The near
 * cache holds no copy of the key afterwards.
 */
public class SharedCacheException extends CacheException {
  private static final long serialVersionUID = 1L;

  public SharedCacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
