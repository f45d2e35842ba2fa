import java.net.*; import java.nio.file.*; import java.util.*; import java.util.concurrent.*; import java.lang.reflect.*;
public class Solo {
  static void addrReport(String what, Object o) throws Exception {
    if (o instanceof ConcurrentHashMap<?, ?> m) { Field t = ConcurrentHashMap.class.getDeclaredField("table"); t.setAccessible(true); Addr.report("CHM", new Object[] {t.get(m)}, Class.forName("java.util.concurrent.ConcurrentHashMap$Node"), "next"); return; }
    Field cf = o.getClass().getDeclaredField("cache"); cf.setAccessible(true); Object cache = cf.get(o);
    Field inf = cache.getClass().getDeclaredField("index"); inf.setAccessible(true); Object idx = inf.get(cache);
    Field tf = idx.getClass().getDeclaredField("tables"); tf.setAccessible(true);
    Addr.report(what, (Object[]) tf.get(idx), Class.forName("io.dualcache.engine.Node", false, cache.getClass().getClassLoader()), null);
  }
  public static void main(String[] a) throws Exception {
    String type = a[0]; int size = Integer.parseInt(a[1]); String what = a[2]; long secs = Long.parseLong(a[3]);
    Random r = new Random(42); Object[] keys = new Object[size];
    for (int i = 0; i < size; i++) switch (type) {
      case "String" -> keys[i] = "user:" + i;
      case "StrHash" -> keys[i] = new AB.HKey(("user:" + i).hashCode());
      case "IntHash" -> keys[i] = new AB.HKey(i * 31 + 1_000_000);
      case "RndHash" -> keys[i] = new AB.HKey(r.nextInt());
      default -> keys[i] = Integer.valueOf(i * 31 + 1_000_000);
    }
    Object[] draws = new Object[1 << 20];
    for (int i = 0; i < draws.length; i++) draws[i] = keys[r.nextInt(size)];
    AB.Loop loop; Object loopObj;
    if (what.equals("CHM")) { AB.ChmLoop cl0 = new AB.ChmLoop(keys); loop = cl0; loopObj = cl0.m; }
    else {
      boolean b = !what.contains("@unb"); String jar = what.replaceAll("@.*", "");
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of("/tmp/ab/adapter-cls").toUri().toURL(), Path.of(jar).toUri().toURL(), Path.of(System.getProperty("jctools")).toUri().toURL(), Path.of(System.getProperty("cacheapi")).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = cl.loadClass("EngineLoop"); Object e = c.getConstructor(Object[].class, boolean.class, int.class).newInstance(keys, b, 0); loopObj = e;
      Method run = c.getMethod("run", Object[].class, int.class, long.class, long.class);
      loop = (d, i, s, en) -> (Long) run.invoke(e, d, i, s, en);
    }
    if (Boolean.getBoolean("gc")) { System.gc(); System.gc(); }
    if (Boolean.getBoolean("addr")) { long t = System.nanoTime(); loop.run(draws, 0, t, t + 2_000_000_000L); addrReport(what, loopObj); System.exit(0); }
    long t0 = System.nanoTime(); loop.run(draws, 0, t0, t0 + 2_000_000_000L); // warm
    System.err.println("MEASURE"); Files.writeString(Path.of("/tmp/ab/solo.go"), "go");
    long s = System.nanoTime(); long n = loop.run(draws, 0, s, s + secs * 1_000_000_000L);
    System.out.printf("%s %s %.1fM/s%n", type, what, n / (secs * 1e6));
    System.exit(0);
  }
}
