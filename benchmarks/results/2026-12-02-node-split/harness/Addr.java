import java.lang.reflect.*; import java.util.*; import java.util.concurrent.*;
/** Distance in bytes between each key object and the node that holds it (compressed oops, shift 3). */
public class Addr {
  static final sun.misc.Unsafe U; static { try { Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true); U = (sun.misc.Unsafe) f.get(null); } catch (Exception e) { throw new Error(e); } }
  static long narrow(Object array, int i) { return (U.getInt(array, (long) U.arrayBaseOffset(Object[].class) + 4L * i) & 0xffffffffL) << 3; }
  static long narrowField(Object o, long off) { return (U.getInt(o, off) & 0xffffffffL) << 3; }
  public static void report(String what, Object[] slotsArrays, Class<?> nodeClass, String nextField) throws Exception {
    Field kf = nodeClass.getDeclaredField("key"); long koff = U.objectFieldOffset(kf);
    long n = 0, same = 0, adj = 0, near4k = 0; long[] d = new long[8];
    for (Object arr : slotsArrays) {
      Object[] tab = (Object[]) arr; if (tab == null) continue;
      for (int i = 0; i < tab.length; i++) {
        Object node = tab[i]; if (node == null || !nodeClass.isInstance(node)) continue;
        long na = narrow(tab, i); long ka = narrowField(node, koff); if (ka == 0) continue;
        long dist = Math.abs(ka - na); n++;
        if ((ka >>> 6) == (na >>> 6)) same++; else if (Math.abs((ka >>> 6) - (na >>> 6)) == 1) adj++;
        if ((ka >>> 12) == (na >>> 12)) near4k++;
      }
    }
    System.out.printf("%s: nodes %d  key in node's line %.1f%%  adjacent line %.1f%%  same 4K page %.1f%%%n", what, n, 100.0 * same / n, 100.0 * adj / n, 100.0 * near4k / n);
  }
}
