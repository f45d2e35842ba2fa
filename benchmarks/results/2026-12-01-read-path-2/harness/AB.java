import java.lang.reflect.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
public class AB {
  static final class HKey { final int h; HKey(int h) { this.h = h; } public int hashCode() { return h; } public boolean equals(Object o) { return o instanceof HKey k && k.h == h; } }
  interface Loop { long run(Object[] draws, int i, long start, long end) throws Exception; }
  static final class ChmLoop implements Loop {
    final ConcurrentHashMap<Object, Object> m; static volatile Object sink;
    ChmLoop(Object[] keys) { m = new ConcurrentHashMap<>(keys.length * 2); for (Object k : keys) m.put(k, k); }
    public long run(Object[] draws, int i, long start, long end) {
      long c = 0, base = -1; Object s = null; int mask = draws.length - 1; long now;
      while ((now = System.nanoTime()) < end) { if (base < 0 && now >= start) base = c; for (int k = 0; k < 256; k++) s = m.get(draws[i++ & mask]); c += 256; }
      sink = s; return base < 0 ? 0 : c - base;
    }
  }
  static double[][] daemonShare;
  static long daemonCpu() {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean(); long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().contains("-daemon-")) { long c = mx.getThreadCpuTime(t.getId()); if (c > 0) sum += c; }
    return sum;
  }
  public static void main(String[] a) throws Exception {
    // args: type size same|equal rounds threads bounded|unbounded jar1 jar2 ...
    String type = a[0]; int size = Integer.parseInt(a[1]); boolean equal = a[2].equals("equal");
    int rounds = Integer.parseInt(a[3]); int threads = Integer.parseInt(a[4]); boolean bounded = a[5].equals("bounded");
    List<String> jars = List.of(a).subList(6, a.length);
    Random r = new Random(42);
    Object[] keys = new Object[size], eq = new Object[size];
    for (int i = 0; i < size; i++) {
      switch (type) {
        case "Integer" -> { keys[i] = Integer.valueOf(i * 31 + 1_000_000); eq[i] = Integer.valueOf(i * 31 + 1_000_000); }
        case "String" -> { keys[i] = "user:" + i; eq[i] = new String("user:" + i); }
        case "StrHash" -> { int h = ("user:" + i).hashCode(); keys[i] = new HKey(h); eq[i] = new HKey(h); }
        case "IntHash" -> { int h = i * 31 + 1_000_000; keys[i] = new HKey(h); eq[i] = new HKey(h); }
        case "RndHash" -> { int h = r.nextInt(); keys[i] = new HKey(h); eq[i] = new HKey(h); }
        default -> { UUID id = new UUID(r.nextLong(), r.nextLong()); keys[i] = id; eq[i] = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()); }
      }
    }
    Object[] look = equal ? eq : keys;
    Object[] draws = new Object[1 << 20];
    for (int i = 0; i < draws.length; i++) draws[i] = look[r.nextInt(size)];
    List<String> names = new ArrayList<>(); List<Loop> loops = new ArrayList<>(); List<Object> engines = new ArrayList<>();
    names.add("CHM"); loops.add(new ChmLoop(keys)); engines.add(null);
    String jct = System.getProperty("jctools");
    for (String jar : jars) {
      boolean b = bounded && !jar.contains("@unb"); int cap = jar.contains("@jengine") ? -1 : jar.contains("@cap") ? Integer.parseInt(jar.replaceAll(".*@cap(\\d+).*", "$1")) : 0; String jarPath = jar.replaceAll("@.*", "");
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of("/tmp/ab/adapter-cls").toUri().toURL(), Path.of(jarPath).toUri().toURL(), Path.of(jct).toUri().toURL(), Path.of(System.getProperty("cacheapi")).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = cl.loadClass(jar.contains("@jcache") || jar.contains("@jengine") ? "JCacheLoop" : "EngineLoop");
      Object e = c.getConstructor(Object[].class, boolean.class, int.class).newInstance(keys, b, cap);
      Method run = c.getMethod("run", Object[].class, int.class, long.class, long.class);
      names.add(Path.of(jar).getFileName().toString().replace(".jar", "")); engines.add(e);
      loops.add((d, i, s, en) -> (Long) run.invoke(e, d, i, s, en));
    }
    long warm = Long.getLong("warmMs", 500) * 1_000_000L, meas = Long.getLong("measMs", 700) * 1_000_000L;
    double[][] res = new double[names.size()][rounds];
    daemonShare = new double[names.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int n = 0; n < loops.size(); n++) {
        Loop loop = loops.get(n); long start = System.nanoTime() + warm, end = start + meas;
        long[] ops = new long[threads]; Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) { final int tt = t; ts[t] = new Thread(() -> { try { ops[tt] = loop.run(draws, tt * 0x5bd1e995, start, end); } catch (Exception x) { throw new RuntimeException(x); } }); ts[t].start(); }
        long cpu0 = daemonCpu();
        for (Thread t : ts) t.join();
        daemonShare[n][round] = (daemonCpu() - cpu0) / (double) (System.nanoTime() - start + warm);
        long sum = 0; for (long o : ops) sum += o; res[n][round] = sum / (meas / 1e3);
      }
    }
    StringBuilder sb = new StringBuilder(String.format("%s %s %d t%d %s:", type, a[2], size, threads, a[5]));
    for (int n = 0; n < names.size(); n++) {
      double[] rat = new double[rounds - 1]; double[] v = new double[rounds - 1];
      for (int i = 1; i < rounds; i++) { rat[i - 1] = res[n][i] / res[0][i]; v[i - 1] = res[n][i]; }
      Arrays.sort(rat); Arrays.sort(v);
      double[] d = Arrays.copyOfRange(daemonShare[n], 1, rounds); Arrays.sort(d);
      sb.append(String.format("  %s %.1fM %.2f d%.3f", names.get(n), v[v.length / 2], rat[rat.length / 2], d[d.length / 2]));
    }
    System.out.println(sb);
    System.exit(0);
  }
}
