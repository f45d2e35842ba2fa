package io.dualcache.engine;
import java.lang.reflect.Field;
import java.util.Random;
/** Nanoseconds of daemon work per drained hit record, single-threaded (daemon disabled), by part. */
public class DrainCost {
  static Object get(Object o, Class<?> c, String n) throws Exception { Field f = c.getDeclaredField(n); f.setAccessible(true); return f.get(o); }
  public static void main(String[] a) throws Exception {
    int size = Integer.parseInt(a[0]);
    DualCache<Object, Object> c = DualCache.builder().maximumSize(size).threadFactory(r -> new Thread(() -> {})).build();
    Integer[] keys = new Integer[size];
    for (int i = 0; i < size; i++) { keys[i] = i * 31 + 1_000_000; c.put(keys[i], keys[i]); if ((i & 511) == 0) ((Maintenance<?, ?>) get(c, DualCache.class, "maintenance")).tryRun(); }
    Maintenance<?, ?> mt = (Maintenance<?, ?>) get(c, DualCache.class, "maintenance");
    for (int i = 0; i < 10; i++) mt.tryRun();
    HitRecorder hits = (HitRecorder) get(c, DualCache.class, "hits");
    Index<?, ?> index = (Index<?, ?>) get(c, DualCache.class, "index");
    FrequencySketch sketch = (FrequencySketch) get(mt, Maintenance.class, "sketch");
    Random r = new Random(1);
    Policy policy = (Policy) get(mt, Maintenance.class, "policy");
    java.lang.reflect.Method evict = Maintenance.class.getDeclaredMethod("evict"); evict.setAccessible(true);
    long tHit = 0, tEvict = 0;
    int n = 8 * 1024; int[] hs = new int[n];
    long tFind = 0, tSketch = 0, tRun = 0; int reps = 0; Object sink = null;
    for (int rep = 0; rep < 300; rep++) {
      for (int i = 0; i < n; i++) hs[i] = Index.spread(keys[r.nextInt(size)].hashCode());
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) sink = index.segmentFor(hs[i]).findByHash(hs[i]);
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) hs[i] = Index.spread(keys[r.nextInt(size)].hashCode());
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) sketch.increment(hs[i] + 7);
      long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) hs[i] = Index.spread(keys[r.nextInt(size)].hashCode());
      for (int s = 0; s < 8; s++) for (int i = 0; i < 1024; i++) hits.recordInStripe(s, hs[s * 1024 + i]);
      long t4 = System.nanoTime();
      mt.tryRun();
      long t5 = System.nanoTime();
      for (int i = 0; i < n; i++) hs[i] = Index.spread(keys[r.nextInt(size)].hashCode());
      long t6 = System.nanoTime();
      for (int i = 0; i < n; i++) { Node<?, ?> nd = index.segmentFor(hs[i]).findByHash(hs[i]); policy.onHit((PolicyNode) nd); }
      long t7 = System.nanoTime();
      evict.invoke(mt);
      long t8 = System.nanoTime();
      if (rep >= 100) { tFind += t1 - t0; tSketch += t3 - t2; tRun += t5 - t4; tHit += t7 - t6; tEvict += t8 - t7; reps++; }
    }
    double d = reps * (double) n;
    System.out.printf("size %d: findByHash %.0f ns, sketch.increment %.0f ns, full drain %.0f ns, find+onHit %.0f, evict after %.0f per hit (%s)%n", size, tFind / d, tSketch / d, tRun / d, tHit / d, tEvict / d, sink == null ? "" : "ok");
    System.exit(0);
  }
}
