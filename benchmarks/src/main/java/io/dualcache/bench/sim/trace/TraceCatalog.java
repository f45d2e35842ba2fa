package io.dualcache.bench.sim.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dualcache.bench.sim.trace.TraceSpec.TraceSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Every trace the simulator replays: the files of the shared traces folder (formats and customary
 * sizes from its README), the README's composites, and the seeded synthetic ones, each in its
 * {@link TraceSet}: the policy was tuned on the traces that existed before 2026-12-01 (the tuning
 * set); the six files the README added then (the check set) and the synthetic shapes of issue 13's
 * weak cases (the synthetic check set) are for reporting only.
 */
public final class TraceCatalog {

  /** Seed of every synthetic trace: change it to see how much a figure owes to one sample. */
  public static final long SEED = 20_260_808L;

  private TraceCatalog() {}

  public static List<TraceSpec> all(Path dir) {
    List<TraceSpec> specs = new ArrayList<>();
    specs.add(file(dir, TraceSet.TUNING, "loop", "loop.trace.gz", TraceFormat.LIRS_TEXT, "500 × the same 1,011 keys", 256, 512, 768, 1000));
    specs.add(file(dir, TraceSet.TUNING, "gli", "gli.trace.gz", TraceFormat.LIRS_TEXT, "glimpse text search, looping", 250, 500, 750, 1000, 1250, 1500, 1750, 2000));
    specs.add(file(dir, TraceSet.TUNING, "multi2", "multi2.trace.gz", TraceFormat.LIRS_TEXT, "cs + cpp + postgres, mixed", 600, 1800, 3000));
    specs.add(file(dir, TraceSet.TUNING, "sprite", "sprite.trace.gz", TraceFormat.LIRS_TEXT, "Sprite file server, recency-friendly", 100, 200, 400, 600, 800, 1000));
    specs.add(file(dir, TraceSet.TUNING, "OLTP", "OLTP.lis.gz", TraceFormat.ARC_TEXT, "ARC OLTP database pages, frequency-skewed", 250, 500, 1000, 2000, 5000, 10000, 15000));
    specs.add(file(dir, TraceSet.TUNING, "orm-busy", "orm-busy.trace.xz", TraceFormat.INT32_BIG_ENDIAN, "ORM object cache, busy daytime", 625, 1250, 2500, 5000, 10000));
    specs.add(file(dir, TraceSet.TUNING, "web12", "web12.trace.xz", TraceFormat.INT32_BIG_ENDIAN, "HTTP product detail page", 300, 1200, 3000));
    specs.add(file(dir, TraceSet.TUNING, "trace_vaultservice", "trace_vaultservice.gz", TraceFormat.INT64_BIG_ENDIAN, "Corda vault service, recency-skewed", 512, 1024));
    specs.add(composite(dir, TraceSet.TUNING, "corda+loop+corda", 1, 512, 1024));
    specs.add(composite(dir, TraceSet.TUNING, "corda+5×loop+corda", 5, 512, 1024));

    specs.add(new TraceSpec("zipf-0.8", "Zipf s=0.8 over 1M keys, 2M requests", new int[] {1_000, 10_000, 100_000}, TraceSet.TUNING,
        () -> Synthetic.zipf(1_000_000, 0.8, 2_000_000, SEED)));
    specs.add(new TraceSpec("zipf-1.0", "Zipf s=1.0 over 1M keys, 2M requests", new int[] {1_000, 10_000, 100_000}, TraceSet.TUNING,
        () -> Synthetic.zipf(1_000_000, 1.0, 2_000_000, SEED + 1)));
    specs.add(new TraceSpec("loop-10k", "10,000 keys in order, 50 times (larger than every size)", new int[] {2_500, 5_000, 9_000}, TraceSet.TUNING,
        () -> Synthetic.loop(10_000, 50, SEED + 2)));
    specs.add(new TraceSpec("shifting-hot-set", "2,000 hot keys take 90% (uniform), 1M cold keys the rest; the hot set moves every 100k requests; 1M requests",
        new int[] {1_000, 2_500, 5_000}, TraceSet.TUNING,
        () -> Synthetic.shiftingHotSet(2_000, 0.9, 1_000_000, 100_000, 1_000_000, SEED + 3)));
    specs.add(new TraceSpec("zipf+scans", "Zipf s=0.99 over 100k keys, a scan of 20k fresh keys after every 100k requests; 1.2M requests",
        new int[] {1_000, 5_000, 20_000}, TraceSet.TUNING,
        () -> Synthetic.zipfWithScans(100_000, 0.99, 100_000, 20_000, 10, SEED + 4)));

    // The check set: the six files the shared README added on 2026-12-01, at the sizes it gives.
    specs.add(file(dir, TraceSet.CHECK, "multi1", "multi1.trace.gz", TraceFormat.LIRS_TEXT, "cs + cpp, mixed", 500, 1000, 1500));
    specs.add(file(dir, TraceSet.CHECK, "multi3", "multi3.trace.gz", TraceFormat.LIRS_TEXT, "cpp + gnuplot + glimpse + postgres, mixed", 800, 1600, 3200));
    specs.add(file(dir, TraceSet.CHECK, "cpp", "cpp.trace.gz", TraceFormat.LIRS_TEXT, "GNU C preprocessor, short loops", 100, 200, 400, 600));
    specs.add(file(dir, TraceSet.CHECK, "zigzag", "zigzag.trace.gz", TraceFormat.LIRS_TEXT, "2,001 keys forward, then back, repeatedly", 500, 1000, 1500));
    specs.add(file(dir, TraceSet.CHECK, "scan", "scan.trace.gz", TraceFormat.LIRS_TEXT, "the same 2,001 keys in order, 25 times", 500, 1000, 1500));
    specs.add(file(dir, TraceSet.CHECK, "web07", "web07.trace.xz", TraceFormat.INT32_BIG_ENDIAN, "HTTP requests of a web application", 300, 1200, 3000));

    // The synthetic check set: seeded shapes of the weak cases issue 13 describes.
    specs.add(new TraceSpec("loop-noise", LOOP_NOISE, new int[] {1_000, 1_333, 2_000}, TraceSet.SYNTHETIC,
        () -> noisyLoop(SEED + 5)));
    specs.add(new TraceSpec("drifting-popularity", DRIFT, new int[] {1_000, 5_000, 20_000}, TraceSet.SYNTHETIC,
        () -> drift(SEED + 6)));
    specs.add(new TraceSpec("loop+drift-phases", "6 phases of 100k requests, alternating loop-noise and drifting-popularity (each continuing where its last phase stopped); 600k requests",
        new int[] {1_000, 1_333, 2_000}, TraceSet.SYNTHETIC,
        () -> Synthetic.phases(noisyLoop(SEED + 7), drift(SEED + 8), 100_000, 6)));
    return specs;
  }

  private static final String LOOP_NOISE =
      "2,000 keys in order, each request a random one of 1M other keys instead with probability 0.1 (loop 1-2x the cache); 400k requests";
  private static final String DRIFT =
      "Zipf s=0.9 over a window of the 50,000 newest keys (newest = most popular), a new key every 4 requests (100k born); 400k requests";

  private static long[] noisyLoop(long seed) {
    return Synthetic.noisyLoop(2_000, 0.1, 1_000_000, 400_000, seed);
  }

  private static long[] drift(long seed) {
    return Synthetic.driftingPopularity(50_000, 0.9, 4, 400_000, seed);
  }

  private static TraceSpec file(Path dir, TraceSet set, String name, String file, TraceFormat format, String description, int... sizes) {
    Path path = dir.resolve(file);
    return new TraceSpec(name, description + " (" + file + ")", sizes, set, () -> TraceFiles.read(path, format));
  }

  /** Corda, then {@code loops} × the loop trace, then corda again (the README's adaptivity test). */
  private static TraceSpec composite(Path dir, TraceSet set, String name, int loops, int... sizes) {
    return new TraceSpec(name, "trace_vaultservice, " + loops + " × loop, trace_vaultservice", sizes, set, () -> {
      long[] corda = TraceFiles.read(dir.resolve("trace_vaultservice.gz"), TraceFormat.INT64_BIG_ENDIAN);
      long[] loop = TraceFiles.read(dir.resolve("loop.trace.gz"), TraceFormat.LIRS_TEXT);
      long[] all = new long[2 * corda.length + loops * loop.length];
      int at = 0;
      System.arraycopy(corda, 0, all, at, corda.length);
      at += corda.length;
      for (int i = 0; i < loops; i++) {
        System.arraycopy(loop, 0, all, at, loop.length);
        at += loop.length;
      }
      System.arraycopy(corda, 0, all, at, corda.length);
      return all;
    });
  }

  /** Checks that every trace file the catalog names is there. */
  public static void checkFiles(Path dir) throws IOException {
    for (String f : new String[] {"loop.trace.gz", "gli.trace.gz", "multi2.trace.gz", "sprite.trace.gz",
        "OLTP.lis.gz", "orm-busy.trace.xz", "web12.trace.xz", "trace_vaultservice.gz",
        "multi1.trace.gz", "multi3.trace.gz", "cpp.trace.gz", "zigzag.trace.gz", "scan.trace.gz", "web07.trace.xz"}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IOException("trace file missing: " + dir.resolve(f));
      }
    }
  }
}
