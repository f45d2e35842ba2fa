package io.dualcache.engine;
public class SketchQuality {
  public static void main(String[] a) {
    for (int keys : new int[] {4096, 65536}) {
      for (double load : new double[] {1, 2}) {
        FrequencySketch sketch = new FrequencySketch(keys);
        int n = (int) (keys * load);
        for (int key = 0; key < n; key++) for (int c = 0; c <= key % 8; c++) sketch.increment(Index.spread(key));
        int exact = 0; long excess = 0; int under = 0;
        for (int key = 0; key < n; key++) { int t = 1 + key % 8, e = sketch.frequency(Index.spread(key)); if (e == t) exact++; if (e < t) under++; excess += Math.max(0, e - t); }
        System.out.printf("cap %d load %.0f: exact %.3f excess/key %.3f under %d%n", keys, load, exact / (double) n, excess / (double) n, under);
      }
    }
  }
}
