package io.dualcache.bench.sim;

import io.dualcache.bench.sim.policy.ArcPolicy;
import io.dualcache.bench.sim.policy.CaffeinePolicy;
import io.dualcache.bench.sim.policy.DualCacheLivePolicy;
import io.dualcache.bench.sim.policy.DualCachePolicy;
import io.dualcache.bench.sim.policy.LruPolicy;
import io.dualcache.bench.sim.policy.OptimalPolicy;
import io.dualcache.bench.sim.policy.ReplayPolicy;
import io.dualcache.bench.sim.policy.S3FifoPolicy;
import io.dualcache.bench.sim.trace.TraceCatalog;
import io.dualcache.bench.sim.trace.TraceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hit-ratio simulator: replays every trace through every policy at each of its sizes and writes
 * a Markdown table (with the traces' README figures beside ours), a CSV and one PNG chart per trace.
 *
 * <pre>
 * java -cp benchmarks.jar io.dualcache.bench.sim.Simulator [--traces DIR] [--out DIR]
 *      [--only trace,trace] [--sets set,set] [--policies name,name] [--live-pace NANOS] [--quick]
 * </pre>
 *
 * {@code --sets} replays only the traces of the named sets ({@code tuning}, {@code check},
 * {@code synthetic}; see {@link TraceSpec.TraceSet}); by default all. The report gives each set its
 * own table, means and counts, so figures on traces the policy was tuned on never mix with those
 * on traces it was not.
 *
 * {@code --policies} runs only the named policies (the names of the tables: OPT, LRU, ARC,
 * S3-FIFO, Caffeine, DualCache, "DualCache (writes only)", "DualCache (live)"; a name may be
 * given without its spaces or case, e.g. {@code dualcache(live)}); by default all of them. The
 * reproduction check of the README's OPT, LRU, ARC and S3-FIFO figures needs only those four, and
 * its result (which rows pass, which fail) is printed at the end of every run.
 *
 * {@code --live-pace} has each thread of the live replay spend that many nanoseconds on every
 * request before it makes it, as an application does between its cache calls; by default none,
 * the cache at full speed, where the daemon's hit work is held to its budget and it sees a
 * fraction of the hits. At 1,000 (two threads, about 2 M requests per second) it sees most of them,
 * so the column then shows the policy as it runs where the daemon keeps up.
 *
 * {@code --quick} (the smoke run) replays only the first 100,000 requests of each trace at its
 * first two sizes: it proves every reader, policy and writer works, and its figures are not
 * comparable with the README's.
 */
public final class Simulator {

  private static final int QUICK_REQUESTS = 100_000;
  private static final int QUICK_SIZES = 2;

  private Simulator() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = parse(args);
    Path traces = tracesDir(options.get("traces"));
    Path out = Path.of(options.getOrDefault("out", "results/" + LocalDate.now() + "/simulator"));
    boolean quick = options.containsKey("quick");
    long livePace = Long.parseLong(options.getOrDefault("live-pace", "0"));
    List<String> only = options.containsKey("only") ? Arrays.asList(options.get("only").split(",")) : null;
    List<TraceSpec.TraceSet> sets = new ArrayList<>();
    if (options.containsKey("sets")) {
      for (String s : options.get("sets").split(",")) {
        sets.add(TraceSpec.TraceSet.of(s));
      }
    }

    TraceCatalog.checkFiles(traces);
    ReferenceFigures refs = ReferenceFigures.read(traces.resolve("README.md"));
    List<ReplayPolicy> policies =
        select(
            List.of(
                new OptimalPolicy(),
                new LruPolicy(),
                new ArcPolicy(),
                new S3FifoPolicy(),
                new CaffeinePolicy(),
                new DualCachePolicy(DualCachePolicy.Mode.EVERY_HIT),
                new DualCachePolicy(DualCachePolicy.Mode.WRITES_ONLY),
                new DualCacheLivePolicy(livePace)),
            options.get("policies"));

    // Load everything first, so the progress bar knows the total.
    Map<TraceSpec, long[]> loaded = new LinkedHashMap<>();
    for (TraceSpec spec : TraceCatalog.all(traces)) {
      if (only != null && !only.contains(spec.name()) || !sets.isEmpty() && !sets.contains(spec.set())) {
        continue;
      }
      long[] keys = spec.keys().load();
      if (quick && keys.length > QUICK_REQUESTS) {
        keys = Arrays.copyOf(keys, QUICK_REQUESTS);
      }
      loaded.put(spec, keys);
      System.err.printf("loaded %-20s %,11d requests  %s%n", spec.name(), keys.length, spec.description());
    }
    int runsPerSize = policies.stream().mapToInt(ReplayPolicy::runs).sum();
    long total = 0;
    for (Map.Entry<TraceSpec, long[]> e : loaded.entrySet()) {
      total += (long) e.getValue().length * sizes(e.getKey(), quick).length * runsPerSize;
    }

    Files.createDirectories(out.resolve("charts"));
    Results results = new Results();
    loaded.keySet().forEach(spec -> results.set(spec.name(), spec.set()));
    ProgressBar bar = new ProgressBar(total);
    long start = System.nanoTime();
    for (Map.Entry<TraceSpec, long[]> e : loaded.entrySet()) {
      String trace = e.getKey().name();
      long[] keys = e.getValue();
      for (int size : sizes(e.getKey(), quick)) {
        for (ReplayPolicy policy : policies) {
          List<Double> runs = new ArrayList<>();
          String note = null;
          for (int run = 1; run <= policy.runs(); run++) {
            bar.label(String.format("%s@%d %s%s", trace, size, policy.name(), policy.runs() > 1 ? " run " + run : ""));
            ReplayPolicy.Outcome outcome = policy.replay(keys, size, bar);
            runs.add(100.0 * outcome.hits() / keys.length);
            note = outcome.note() != null ? outcome.note() : note;
          }
          results.add(new Measurement(trace, size, policy.name(), runs, note));
        }
      }
      write(results, refs, out, header(loaded, quick, livePace, traces)); // partial results survive a stop
    }
    bar.finish();
    List<Path> charts = Charts.write(results, refs, out.resolve("charts"));
    write(results, refs, out, header(loaded, quick, livePace, traces));
    HitRatioReport report = new HitRatioReport(results, refs);
    System.out.print(report.targets());
    System.out.print(report.bySetSummary());
    System.out.print(report.reproductionCheck());
    System.out.printf(
        "wrote %s, %s and %d charts in %.0f s%n",
        out.resolve("hit-ratio.md"), out.resolve("hit-ratio.csv"), charts.size(), (System.nanoTime() - start) / 1e9);
  }

  /** The policies {@code names} (comma-separated) picks, in the simulator's order; null: all. */
  private static List<ReplayPolicy> select(List<ReplayPolicy> all, String names) {
    if (names == null) {
      return all;
    }
    List<String> wanted = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        wanted.add(normalise(n));
      }
    }
    List<ReplayPolicy> picked = new ArrayList<>();
    for (ReplayPolicy p : all) {
      if (wanted.remove(normalise(p.name()))) {
        picked.add(p);
      }
    }
    if (!wanted.isEmpty()) {
      List<String> known = new ArrayList<>();
      all.forEach(p -> known.add(p.name()));
      throw new IllegalArgumentException("unknown policy " + wanted + "; known: " + known);
    }
    return picked;
  }

  private static String normalise(String name) {
    return name.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static int[] sizes(TraceSpec spec, boolean quick) {
    return quick ? Arrays.copyOf(spec.sizes(), Math.min(QUICK_SIZES, spec.sizes().length)) : spec.sizes();
  }

  private static void write(Results results, ReferenceFigures refs, Path out, String header) throws IOException {
    Files.writeString(out.resolve("hit-ratio.md"), new HitRatioReport(results, refs).render(header));
    Files.writeString(out.resolve("hit-ratio.csv"), Csv.render(results));
  }

  private static String header(
      Map<TraceSpec, long[]> loaded, boolean quick, long livePace, Path traces) {
    StringBuilder md = new StringBuilder("# Hit ratios\n\n");
    if (quick) {
      md.append(
          "**Quick (smoke) run: each trace cut to its first "
              + QUICK_REQUESTS
              + " requests, first two sizes only. These figures prove the harness and are not"
              + " comparable with the README's.**\n\n");
    }
    if (livePace > 0) {
      md.append("**Live column paced: each of its threads spends ")
          .append(livePace)
          .append(" ns before each request (`--live-pace`).**\n\n");
    }
    md.append("Traces from `").append(traces).append("` (see its README) and seeded synthetic ones (seed ")
        .append(TraceCatalog.SEED).append(").\n\n");
    md.append("| trace | set | requests | distinct | what |\n|---|---|---:|---:|---|\n");
    for (Map.Entry<TraceSpec, long[]> e : loaded.entrySet()) {
      long distinct = DISTINCT.computeIfAbsent(e.getKey().name(), n -> distinct(e.getValue()));
      md.append(String.format("| %s | %s | %,d | %,d | %s |%n",
          e.getKey().name(), e.getKey().set().title(), e.getValue().length, distinct, e.getKey().description()));
    }
    md.append('\n');
    return md.toString();
  }

  /** Distinct keys per trace, counted once (the header is rewritten after every trace). */
  private static final Map<String, Long> DISTINCT = new java.util.HashMap<>();

  private static long distinct(long[] keys) {
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    long n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        n++;
      }
    }
    return n;
  }

  private static Path tracesDir(String given) throws IOException {
    if (given != null) {
      return Path.of(given);
    }
    for (String candidate : new String[] {"../shared/traces", "../../shared/traces"}) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate).toAbsolutePath().normalize();
      }
    }
    throw new IOException("no shared/traces folder found; pass --traces DIR");
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      if (name.equals("quick")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for " + a);
      }
    }
    return options;
  }
}
