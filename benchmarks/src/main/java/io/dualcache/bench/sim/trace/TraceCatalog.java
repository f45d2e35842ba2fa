package io.dualcache.bench.sim.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every trace the simulator replays: the files of the shared traces folder (formats and customary
 * sizes from its README), the README's composites, and the seeded synthetic ones.
 */
public final class TraceCatalog {

  /** Seed of every synthetic trace: change it to see how much a figure owes to one sample. */
  public static final long SEED = 20_260_808L;

  private TraceCatalog() {}

  public static List<TraceSpec> all(Path dir) {
    List<TraceSpec> specs = new ArrayList<>();
    specs.add(file(dir, "loop", "loop.trace.gz", TraceFormat.LIRS_TEXT, "500 × the same 1,011 keys", 256, 512, 768, 1000));
    specs.add(file(dir, "gli", "gli.trace.gz", TraceFormat.LIRS_TEXT, "glimpse text search, looping", 250, 500, 750, 1000, 1250, 1500, 1750, 2000));
    specs.add(file(dir, "multi2", "multi2.trace.gz", TraceFormat.LIRS_TEXT, "cs + cpp + postgres, mixed", 600, 1800, 3000));
    specs.add(file(dir, "sprite", "sprite.trace.gz", TraceFormat.LIRS_TEXT, "Sprite file server, recency-friendly", 100, 200, 400, 600, 800, 1000));
    specs.add(file(dir, "OLTP", "OLTP.lis.gz", TraceFormat.ARC_TEXT, "ARC OLTP database pages, frequency-skewed", 250, 500, 1000, 2000, 5000, 10000, 15000));
    specs.add(file(dir, "orm-busy", "orm-busy.trace.xz", TraceFormat.INT32_BIG_ENDIAN, "ORM object cache, busy daytime", 625, 1250, 2500, 5000, 10000));
    specs.add(file(dir, "web12", "web12.trace.xz", TraceFormat.INT32_BIG_ENDIAN, "HTTP product detail page", 300, 1200, 3000));
    specs.add(file(dir, "trace_vaultservice", "trace_vaultservice.gz", TraceFormat.INT64_BIG_ENDIAN, "Corda vault service, recency-skewed", 512, 1024));
    specs.add(composite(dir, "corda+loop+corda", 1, 512, 1024));
    specs.add(composite(dir, "corda+5×loop+corda", 5, 512, 1024));

    specs.add(new TraceSpec("zipf-0.8", "Zipf s=0.8 over 1M keys, 2M requests", new int[] {1_000, 10_000, 100_000},
        () -> Synthetic.zipf(1_000_000, 0.8, 2_000_000, SEED)));
    specs.add(new TraceSpec("zipf-1.0", "Zipf s=1.0 over 1M keys, 2M requests", new int[] {1_000, 10_000, 100_000},
        () -> Synthetic.zipf(1_000_000, 1.0, 2_000_000, SEED + 1)));
    specs.add(new TraceSpec("loop-10k", "10,000 keys in order, 50 times (larger than every size)", new int[] {2_500, 5_000, 9_000},
        () -> Synthetic.loop(10_000, 50, SEED + 2)));
    specs.add(new TraceSpec("shifting-hot-set", "2,000 hot keys take 90% (uniform), 1M cold keys the rest; the hot set moves every 100k requests; 1M requests",
        new int[] {1_000, 2_500, 5_000},
        () -> Synthetic.shiftingHotSet(2_000, 0.9, 1_000_000, 100_000, 1_000_000, SEED + 3)));
    specs.add(new TraceSpec("zipf+scans", "Zipf s=0.99 over 100k keys, a scan of 20k fresh keys after every 100k requests; 1.2M requests",
        new int[] {1_000, 5_000, 20_000},
        () -> Synthetic.zipfWithScans(100_000, 0.99, 100_000, 20_000, 10, SEED + 4)));
    return specs;
  }

  private static TraceSpec file(Path dir, String name, String file, TraceFormat format, String description, int... sizes) {
    Path path = dir.resolve(file);
    return new TraceSpec(name, description + " (" + file + ")", sizes, () -> TraceFiles.read(path, format));
  }

  /** Corda, then {@code loops} × the loop trace, then corda again (the README's adaptivity test). */
  private static TraceSpec composite(Path dir, String name, int loops, int... sizes) {
    return new TraceSpec(name, "trace_vaultservice, " + loops + " × loop, trace_vaultservice", sizes, () -> {
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
        "OLTP.lis.gz", "orm-busy.trace.xz", "web12.trace.xz", "trace_vaultservice.gz"}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IOException("trace file missing: " + dir.resolve(f));
      }
    }
  }
}
