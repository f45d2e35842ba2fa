import io.dualcache.engine.*;
import java.util.SplittableRandom;
public class Late {
  public static void main(String[] a) {
    for (long seed : new long[]{42, 7, 99}) {
    long[] trace = shiftingHotSet(1_000, 0.9, 50_000, 400_000, seed);
    System.out.printf("seed %d every %.4f late %.4f%n", seed, hitRatio(trace,1250,1), hitRatio(trace,1250,4096));
    }
  }
  static double hitRatio(long[] trace, int size, int every) {
    try (DualCache<Long, Boolean> cache = DualCache.<Long, Boolean>builder().maximumSize(size).executor(task -> {}).build()) {
      long hits = 0;
      for (int i = 0; i < trace.length; i++) {
        Long key = trace[i];
        if (cache.get(key) != null) hits++; else cache.put(key, Boolean.TRUE);
        if ((i + 1) % every == 0) cache.cleanUp();
      }
      return (double) hits / trace.length;
    }
  }
  static long[] shiftingHotSet(int hot, double hotShare, int phase, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] trace = new long[length];
    for (int i = 0; i < length; i++) {
      long firstHot = 1_000_000L + (long) (i / phase) * hot;
      trace[i] = random.nextDouble() < hotShare ? firstHot + random.nextInt(hot) : random.nextLong(1_000_000L);
    }
    return trace;
  }
}
