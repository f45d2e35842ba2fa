import io.dualcache.engine.DualCache;
import java.util.function.LongSupplier;
/** Loaded once per engine jar (own class loader): its loop is JIT-compiled against that jar's classes only. */
public class EngineLoop {
  final DualCache<Object, Object> cache;
  public static volatile Object sink;
  public EngineLoop(Object[] keys, boolean bounded, int cap) {
    var b = DualCache.builder();
    if (cap > 0) b.initialCapacity((long) keys.length * cap);
    if (bounded) b.maximumSize(keys.length);
    cache = b.build();
    for (Object k : keys) cache.put(k, k);
    cache.cleanUp();
  }
  /** Gets until endNanos; returns the count made after startNanos. */
  public long run(Object[] draws, int i, long startNanos, long endNanos) {
    long c = 0, base = -1; Object s = null; int mask = draws.length - 1; long now;
    while ((now = System.nanoTime()) < endNanos) {
      if (base < 0 && now >= startNanos) base = c;
      for (int k = 0; k < 256; k++) s = cache.get(draws[i++ & mask]);
      c += 256;
    }
    sink = s;
    return base < 0 ? 0 : c - base;
  }
  public double rate() { return cache.metrics().hitSamplingRate(); }
}
