package io.dualcache.bench.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The simulator's Markdown: the targets first, then the reproduction of the README's figures (is
 * the simulator right?), then DualCache against the field, row by row.
 */
final class HitRatioReport {

  static final String OPT = "OPT";
  static final String LRU = "LRU";
  static final String CAFFEINE = "Caffeine";
  static final String DUALCACHE = "DualCache";
  static final String DUALCACHE_WRITES_ONLY = "DualCache (writes only)";
  static final String DUALCACHE_LIVE = "DualCache (live)";

  /** The policies whose best README figure a row is compared with. */
  private static final List<String> FIELD = List.of("Caffeine", "LRU", "ARC", "S3-FIFO");

  private final Results results;
  private final ReferenceFigures refs;

  HitRatioReport(Results results, ReferenceFigures refs) {
    this.results = results;
    this.refs = refs;
  }

  String render(String header) {
    StringBuilder md = new StringBuilder(header);
    md.append(targets());
    md.append(reproduction());
    md.append(dualCacheTable());
    return md.toString();
  }

  // ---------------------------------------------------------------- targets

  /** The README rows that have a Caffeine figure and were measured here. */
  private List<ReferenceFigures.Row> readmeRows(boolean anchorOnly) {
    List<ReferenceFigures.Row> rows = new ArrayList<>();
    for (ReferenceFigures.Row r : refs.rows()) {
      if (r.figures().containsKey(CAFFEINE)
          && (!anchorOnly || r.anchor())
          && results.mean(r.trace(), r.size(), DUALCACHE) != null
          && results.mean(r.trace(), r.size(), CAFFEINE) != null) {
        rows.add(r);
      }
    }
    return rows;
  }

  String targets() {
    StringBuilder md = new StringBuilder("## Targets\n\n");
    md.append(
        "DualCache = the engine replayed deterministically with every hit seen (see below);"
            + " Caffeine = the real library measured in this run (mean of 3). Targets: mean"
            + " ≥ Caffeine's + 1 point; no row more than 2 points below Caffeine.\n\n");
    md.append("| rows | n | DualCache mean | Caffeine mean | Δ mean (target ≥ +1) | worst row | Δ worst (target ≥ −2) |\n");
    md.append("|---|---:|---:|---:|---:|---|---:|\n");
    for (boolean anchorOnly : new boolean[] {true, false}) {
      List<ReferenceFigures.Row> rows = readmeRows(anchorOnly);
      if (rows.isEmpty()) {
        continue;
      }
      double dual = 0;
      double caffeine = 0;
      ReferenceFigures.Row worst = null;
      double worstDelta = Double.POSITIVE_INFINITY;
      for (ReferenceFigures.Row r : rows) {
        double d = results.mean(r.trace(), r.size(), DUALCACHE);
        double c = results.mean(r.trace(), r.size(), CAFFEINE);
        dual += d;
        caffeine += c;
        if (d - c < worstDelta) {
          worstDelta = d - c;
          worst = r;
        }
      }
      double delta = (dual - caffeine) / rows.size();
      md.append(
          String.format(
              "| %s | %d | %.2f | %.2f | %+.2f %s | %s@%d | %+.2f %s |%n",
              anchorOnly ? "README anchor table" : "README anchor table + more sizes",
              rows.size(),
              dual / rows.size(),
              caffeine / rows.size(),
              delta,
              delta >= 1 ? "met" : "**missed**",
              worst.trace(),
              worst.size(),
              worstDelta,
              worstDelta >= -2 ? "met" : "**missed**"));
    }
    md.append('\n');
    List<String> below = new ArrayList<>();
    List<ReferenceFigures.Row> all = readmeRows(false);
    for (ReferenceFigures.Row r : all) {
      double d = results.mean(r.trace(), r.size(), DUALCACHE) - results.mean(r.trace(), r.size(), CAFFEINE);
      if (d < -2) {
        below.add(String.format("%s@%d %+.2f", r.trace(), r.size(), d));
      }
    }
    if (!all.isEmpty()) {
      md.append(
          String.format(
              "Rows more than 2 points below Caffeine: %d of %d%s%n%n",
              below.size(), all.size(), below.isEmpty() ? "." : ": " + String.join(", ", below) + "."));
    }
    return md.toString();
  }

  // ---------------------------------------------------------------- reproduction

  String reproduction() {
    StringBuilder md = new StringBuilder("## Reproduction of the README's figures\n\n");
    md.append(
        "Ours beside the README's, and the difference (ours − README). Caffeine: mean of 3"
            + " runs, with their range; its admission is randomised, and the README notes runs"
            + " that differ by up to ~2 points on small traces.\n\n");
    md.append("| trace | size | OPT | README | Δ | Caffeine | runs | README | Δ | LRU | README | Δ |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double[] worst = new double[3];
    double[] sumAbs = new double[3];
    int[] n = new int[3];
    List<ReferenceFigures.Row> rows = new ArrayList<>(refs.rows());
    rows.sort(Comparator.comparing((ReferenceFigures.Row r) -> traceOrder(r.trace())).thenComparingInt(ReferenceFigures.Row::size));
    for (ReferenceFigures.Row r : rows) {
      if (results.get(r.trace(), r.size(), OPT) == null && results.get(r.trace(), r.size(), LRU) == null) {
        continue;
      }
      md.append(String.format("| %s | %d", r.trace(), r.size()));
      String[] policies = {OPT, CAFFEINE, LRU};
      for (int p = 0; p < policies.length; p++) {
        Measurement m = results.get(r.trace(), r.size(), policies[p]);
        Double ref = r.figures().get(policies[p]);
        md.append(" | ").append(m == null ? "" : pct(m.mean()));
        if (policies[p].equals(CAFFEINE)) {
          md.append(" | ").append(m == null || m.runs().size() < 2 ? "" : String.format("%.2f..%.2f", m.min(), m.max()));
        }
        md.append(" | ").append(ref == null ? "" : pct(ref));
        if (m != null && ref != null) {
          double d = m.mean() - ref;
          md.append(String.format(" | %+.2f", d));
          worst[p] = Math.max(worst[p], Math.abs(d));
          sumAbs[p] += Math.abs(d);
          n[p]++;
        } else {
          md.append(" | ");
        }
      }
      md.append(" |\n");
    }
    md.append('\n');
    String[] names = {OPT, CAFFEINE, LRU};
    for (int p = 0; p < 3; p++) {
      if (n[p] > 0) {
        md.append(
            String.format(
                "- %s: %d rows, mean |Δ| %.2f, largest |Δ| %.2f points%n",
                names[p], n[p], sumAbs[p] / n[p], worst[p]));
      }
    }
    md.append('\n');
    return md.toString();
  }

  // ---------------------------------------------------------------- DualCache against the field

  String dualCacheTable() {
    StringBuilder md = new StringBuilder("## DualCache against the field\n\n");
    md.append(
        "All hit ratios in %. DualCache: every hit reaches the policy (cleanUp after each hit)."
            + " Writes only: rounds only after writes (a run of more than 128 hits between misses"
            + " loses the rest). Live: two threads through the running daemon (one run; not"
            + " deterministic; inflated wherever the cache ran over its bound, listed below). Δ Caf = DualCache − Caffeine (ours). Best of field = the best"
            + " README figure among Caffeine, LRU, ARC and S3-FIFO; gap = DualCache − that.\n\n");
    md.append("| trace | size | OPT | LRU | Caffeine | DualCache | writes only | live | Δ Caf | best of field | gap |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      for (int size : trace.getValue()) {
        String t = trace.getKey();
        Double dual = results.mean(t, size, DUALCACHE);
        Double caffeine = results.mean(t, size, CAFFEINE);
        md.append(String.format("| %s | %d", t, size));
        for (String p : new String[] {OPT, LRU, CAFFEINE, DUALCACHE, DUALCACHE_WRITES_ONLY, DUALCACHE_LIVE}) {
          Double v = results.mean(t, size, p);
          md.append(" | ").append(v == null ? "" : pct(v));
          Measurement m = results.get(t, size, p);
          if (m != null && m.note() != null) {
            notes.add(String.format("%s@%d, %s: %s", t, size, p, m.note()));
          }
        }
        md.append(" | ").append(dual != null && caffeine != null ? String.format("%+.2f", dual - caffeine) : "");
        String bestName = null;
        double best = Double.NEGATIVE_INFINITY;
        for (String f : FIELD) {
          Double v = refs.get(t, size, f);
          if (v != null && v > best) {
            best = v;
            bestName = f;
          }
        }
        if (bestName != null && refs.get(t, size, "ARC") != null) {
          md.append(String.format(" | %s %.2f | %+.2f", bestName, best, dual == null ? Double.NaN : dual - best));
        } else {
          md.append(" |  | ");
        }
        md.append(" |\n");
      }
    }
    md.append('\n');
    if (!notes.isEmpty()) {
      md.append("Entries held over the bound (the bound is enforced after the fact):\n\n");
      for (String n : notes) {
        md.append("- ").append(n).append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private int traceOrder(String trace) {
    int i = new ArrayList<>(results.sizesByTrace().keySet()).indexOf(trace);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static String pct(double v) {
    return String.format("%.2f", v);
  }
}
