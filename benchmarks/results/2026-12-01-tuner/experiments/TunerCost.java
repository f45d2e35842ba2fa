package io.dualcache.engine;

import java.util.SplittableRandom;

/** Scratch: policy time per access (with the tuner) on one thread, and the heap after GC. */
public final class TunerCost {
  public static void main(String[] a) throws Exception {
    int size = Integer.parseInt(a[0]);
    int keys = 4 * size;
    int n = Integer.parseInt(a[1]);
    // zipf-ish keys: skewed by squaring a uniform
    SplittableRandom r = new SplittableRandom(7);
    int[] trace = new int[n];
    for (int i = 0; i < n; i++) { double u = r.nextDouble(); trace[i] = (int) (u * u * u * keys); }
    for (int rep = 0; rep < 3; rep++) {
      FrequencySketch sketch = new FrequencySketch(size);
      Policy<Integer, Integer> policy = new Policy<>(size, sketch);
      @SuppressWarnings("unchecked")
      PolicyNode<Integer, Integer>[] nodes = new PolicyNode[keys];
      Policy.Evictor<Integer, Integer> ev = v -> { nodes[v.key] = null; policy.onRemove(v); return true; };
      long hits = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        int k = trace[i];
        PolicyNode<Integer, Integer> node = nodes[k];
        if (node != null) { hits++; policy.onHit(node); }
        else { node = new PolicyNode<>(Index.spread(k * 0x9E3779B9), k, k, Node.ETERNAL); nodes[k] = node; policy.onAdd(node); }
        policy.evict(ev);
      }
      long t1 = System.nanoTime();
      System.gc(); Thread.sleep(200); System.gc();
      long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      System.out.printf("size %d SE %d rep %d: %.1f ns/access hit %.3f heap %.1f MB%n", size, WindowTuner.SHADOW_ENTRIES, rep, (t1 - t0) / (double) n, hits / (double) n, used / 1e6);
      if (policy.hashCode() == 42) System.out.println(nodes.length);
    }
  }
}
