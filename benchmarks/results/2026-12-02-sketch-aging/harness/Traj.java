import io.dualcache.bench.sim.trace.*;
import io.dualcache.engine.*;
import java.nio.file.Path;
import java.util.*;
// java Traj trace size [every]: window share trajectory and running hit ratio
public class Traj {
  public static void main(String[] a) throws Exception {
    String name=a[0]; int size=Integer.parseInt(a[1]); int every=a.length>2?Integer.parseInt(a[2]):0;
    for (TraceSpec s : TraceCatalog.all(Path.of("/work/shared/traces"))) {
      if (!s.name().equals(name)) continue;
      long[] t = s.keys().load();
      if (every==0) every=Math.max(1,t.length/40);
      try (DualCache<Long,Boolean> c = DualCache.<Long,Boolean>builder().maximumSize(size).executor(Runnable::run).build()) {
        long hits=0, ph=0;
        for (int i=0;i<t.length;i++) {
          Long k=t[i];
          if (c.get(k)!=null) { hits++; ph++; c.cleanUp(); } else c.put(k,Boolean.TRUE);
          if ((i+1)%every==0) { System.out.printf("%8d share %.3f period %.2f total %.2f%n", i+1, c.metrics().windowShare(), 100.0*ph/every, 100.0*hits/(i+1)); ph=0; }
        }
        System.out.printf("%s@%d %.2f%n", name,size,100.0*hits/t.length);
      }
    }
  }
}
