import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.DualCachingProvider;
import javax.cache.Cache;
/**
 * The JCache mapping of the same jar, bounded, by reference, statistics off. Its two loops and
 * EngineLoop's are the same code on purpose: each call site must see one receiver type, or the
 * JIT would compile a shared loop as a virtual call and measure that instead.
 */
public class JCacheLoop {
  final io.dualcache.engine.DualCache<Object, Object> engine; final boolean direct;
  final Cache<Object, Object> cache;
  public static volatile Object sink;
  public JCacheLoop(Object[] keys, boolean bounded, int cap) {
    DualCachingProvider provider = new DualCachingProvider();
    var manager = provider.getCacheManager(provider.getDefaultURI(), JCacheLoop.class.getClassLoader());
    DualCacheConfiguration<Object, Object> c = new DualCacheConfiguration<>();
    if (bounded) c.setMaximumSize(keys.length);
    c.setStoreByValue(false);
    c.setStatisticsEnabled(false);
    cache = manager.createCache("bench", c);
    for (Object k : keys) cache.put(k, k);
    engine = cache.unwrap(io.dualcache.engine.DualCache.class);
    direct = cap == -1;
  }
  public long run(Object[] draws, int i, long startNanos, long endNanos) { return direct ? runDirect(draws, i, startNanos, endNanos) : runJCache(draws, i, startNanos, endNanos); }
  long runDirect(Object[] draws, int i, long startNanos, long endNanos) {
    long c = 0, base = -1; Object s = null; int mask = draws.length - 1; long now;
    while ((now = System.nanoTime()) < endNanos) {
      if (base < 0 && now >= startNanos) base = c;
      for (int k = 0; k < 256; k++) s = engine.get(draws[i++ & mask]);
      c += 256;
    }
    sink = s;
    return base < 0 ? 0 : c - base;
  }
  long runJCache(Object[] draws, int i, long startNanos, long endNanos) {
    long c = 0, base = -1; Object s = null; int mask = draws.length - 1; long now;
    while ((now = System.nanoTime()) < endNanos) {
      if (base < 0 && now >= startNanos) base = c;
      for (int k = 0; k < 256; k++) s = cache.get(draws[i++ & mask]);
      c += 256;
    }
    sink = s;
    return base < 0 ? 0 : c - base;
  }
}
