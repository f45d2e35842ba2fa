package io.dualcache.bench.jmh;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import io.dualcache.engine.DualCache;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.cache2k.Cache2kBuilder;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The implementations compared (the benchmarks' {@code impl} parameter). Each builds its cache the
 * way an application would: bounded ones to {@code size} entries, the engine with its daemon, the
 * JCache ones through their provider. "Plain" means a bare {@link MutableConfiguration}: unbounded,
 * by reference, statistics off (the like-for-like JCache comparison).
 */
public enum CacheImpl {
  /** The reference for a raw hash lookup. */
  CHM {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>(size);
      return new BenchCache<>() {
        @Override
        public Integer get(Integer key) {
          return map.get(key);
        }

        @Override
        public void put(Integer key, Integer value) {
          map.put(key, value);
        }
      };
    }
  },

  /** The engine API, bounded, tiers off (the shipped default), daemon thread on. */
  DualCache {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      return engine(io.dualcache.engine.DualCache.<Integer, Integer>builder().maximumSize(size).build());
    }
  },

  /** The engine API with hot tiers T1 = 4,096 and T2 = 65,536 slots. */
  DualCache_Tiers {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      return engine(
          io.dualcache.engine.DualCache.<Integer, Integer>builder()
              .maximumSize(size)
              .hotTiers(4096, 65536)
              .build());
    }
  },

  /** DualCache's JCache provider, bounded, by reference. */
  DualCache_JCache {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      MutableConfiguration<Integer, Integer> c = JCacheProviders.dualCacheConfiguration(size);
      c.setTypes(Integer.class, Integer.class).setStoreByValue(false).setStatisticsEnabled(false);
      return JCacheProviders.open(JCacheProviders.DUALCACHE, name(), c);
    }
  },

  /** DualCache's JCache provider, bounded, by value (Integer values: the copy is the provider's). */
  DualCache_JCache_ByValue {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      MutableConfiguration<Integer, Integer> c = JCacheProviders.dualCacheConfiguration(size);
      c.setTypes(Integer.class, Integer.class).setStoreByValue(true).setStatisticsEnabled(false);
      return JCacheProviders.open(JCacheProviders.DUALCACHE, name(), c);
    }
  },

  /** DualCache's JCache provider with a plain MutableConfiguration: unbounded and eternal. */
  DualCache_JCache_Plain {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      return JCacheProviders.open(JCacheProviders.DUALCACHE, name(), plain());
    }
  },

  /** As DualCache_JCache_Plain, with entries expiring one minute after creation. */
  DualCache_JCache_Plain_Expiry {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      MutableConfiguration<Integer, Integer> c = plain();
      c.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 1)));
      return JCacheProviders.open(JCacheProviders.DUALCACHE, name(), c);
    }
  },

  /** Caffeine's own API, bounded, its default executor (ForkJoinPool.commonPool). */
  Caffeine {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      Cache<Integer, Integer> cache =
          com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(size).build();
      return new BenchCache<>() {
        @Override
        public Integer get(Integer key) {
          return cache.getIfPresent(key);
        }

        @Override
        public void put(Integer key, Integer value) {
          cache.put(key, value);
        }

        @Override
        public void settle() {
          cache.cleanUp();
        }
      };
    }
  },

  /** Caffeine's JCache adapter, bounded, by reference, statistics off. */
  Caffeine_JCache {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      CaffeineConfiguration<Integer, Integer> c = new CaffeineConfiguration<>();
      c.setTypes(Integer.class, Integer.class);
      c.setMaximumSize(OptionalLong.of(size));
      c.setStoreByValue(false);
      c.setStatisticsEnabled(false);
      return JCacheProviders.open(JCacheProviders.CAFFEINE, name(), c);
    }
  },

  /** Caffeine's JCache adapter with a plain MutableConfiguration (unbounded). */
  Caffeine_JCache_Plain {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      return JCacheProviders.open(JCacheProviders.CAFFEINE, name(), plain());
    }
  },

  /** Ehcache 3 through JCache, on-heap, bounded to {@code size} entries. */
  Ehcache3_JCache {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      return JCacheProviders.open(
          JCacheProviders.EHCACHE,
          name(),
          Eh107Configuration.fromEhcacheCacheConfiguration(
              CacheConfigurationBuilder.newCacheConfigurationBuilder(
                  Integer.class, Integer.class, ResourcePoolsBuilder.heap(size))));
    }
  },

  /** cache2k's own API, bounded. */
  Cache2k {
    @Override
    BenchCache<Integer, Integer> create(int size) {
      org.cache2k.Cache<Integer, Integer> cache =
          Cache2kBuilder.of(Integer.class, Integer.class).entryCapacity(size).build();
      return new BenchCache<>() {
        @Override
        public Integer get(Integer key) {
          return cache.get(key); // no loader configured: a miss returns null
        }

        @Override
        public void put(Integer key, Integer value) {
          cache.put(key, value);
        }

        @Override
        public void close() {
          cache.close();
        }
      };
    }
  };

  abstract BenchCache<Integer, Integer> create(int size);

  private static BenchCache<Integer, Integer> engine(DualCache<Integer, Integer> cache) {
    return new BenchCache<>() {
      @Override
      public Integer get(Integer key) {
        return cache.get(key);
      }

      @Override
      public void put(Integer key, Integer value) {
        cache.put(key, value);
      }

      @Override
      public void settle() {
        cache.cleanUp();
      }

      @Override
      public void close() {
        cache.close();
      }
    };
  }

  private static MutableConfiguration<Integer, Integer> plain() {
    return new MutableConfiguration<Integer, Integer>()
        .setTypes(Integer.class, Integer.class)
        .setStoreByValue(false)
        .setStatisticsEnabled(false);
  }
}
