package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EntryListener;
import io.dualcache.engine.Expiry;
import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.config.RedisSettings;
import io.dualcache.redis.RedisSharing;
import io.dualcache.redis.SharedCache;
import io.dualcache.redis.SharedCodec;
import java.lang.ref.WeakReference;
import javax.cache.CacheException;

/**
 * The Redis of one cache manager: connects on the first shared cache (so a manager whose caches all
 * stay local never does) and opens each shared cache on that one connection. The only class of the
 * JSR-107 layer that touches the Redis client, which is an optional dependency.
 */
final class SharedStores implements AutoCloseable {

  private final RedisSettings settings;

  /** Weak: the provider maps class loaders weakly to their managers, and we must not pin them. */
  private final WeakReference<ClassLoader> classLoader;

  private final String managerName;

  /** Made by the first {@link #open}; guarded by {@code this}. */
  private RedisSharing sharing;

  private boolean closed;

  SharedStores(RedisSettings settings, ClassLoader classLoader, String managerName) {
    this.settings = settings;
    this.classLoader = new WeakReference<>(classLoader);
    this.managerName = managerName;
  }

  /** Whether reads that cannot reach Redis go to the cache's loader. */
  boolean loadsWhenRedisDown() {
    return settings.onRedisDown() == RedisSettings.OnRedisDown.LOAD;
  }

  /**
   * Opens the shared cache {@code name} with a near cache built by {@code near}.
   *
   * @param expiry the lifetimes of entries, or null for eternal ones
   * @throws CacheException if Redis cannot be reached, or the Redis client is missing
   */
  synchronized <K, V> SharedCache<K, V> open(
      String name, DualCacheBuilder<K, V> near, Expiry<K, V> expiry, EntryListener<K, V> events) {
    if (closed) {
      throw new IllegalStateException("cache manager " + managerName + " is closed");
    }
    return sharing().cache(name, near, expiry, events);
  }

  private RedisSharing sharing() {
    if (sharing == null) {
      try {
        RedisSharing.Builder builder =
            RedisSharing.builder(settings.uri())
                .keyPrefix(settings.keyPrefix())
                .commandTimeout(settings.commandTimeout())
                .classLoader(loader());
        SharedCodec codec = settings.newCodec();
        if (codec != null) {
          builder.codec(codec);
        }
        sharing = builder.build();
      } catch (NoClassDefFoundError e) {
        throw new CacheException(
            "cache manager "
                + managerName
                + " shares its caches through Redis ("
                + settings.address()
                + "), which needs io.lettuce:lettuce-core on the class path: "
                + e.getMessage(),
            e);
      }
    }
    return sharing;
  }

  private ClassLoader loader() {
    ClassLoader loader = classLoader.get();
    if (loader == null) {
      throw new IllegalStateException(
          "the class loader of cache manager " + managerName + " is gone");
    }
    return loader;
  }

  /** The near cache of {@code store}, a shared cache this class opened. */
  static <K, V> DualCache<K, V> nearCacheOf(KeyValueStore<K, V> store) {
    return ((SharedCache<K, V>) store).near();
  }

  /** Closes the connection (after the manager closed its caches); Redis keeps the data. */
  @Override
  public synchronized void close() {
    closed = true;
    if (sharing != null) {
      sharing.close();
      sharing = null;
    }
  }

  @Override
  public String toString() {
    return "SharedStores[" + settings + "]";
  }
}
