package io.dualcache.bench.sim;

import io.dualcache.bench.sim.trace.TraceSpec.TraceSet;
import java.util.ArrayList;
import java.util.EnumMap;
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
  static final String ARC = "ARC";
  static final String S3_FIFO = "S3-FIFO";
  static final String DUALCACHE = "DualCache";
  static final String DUALCACHE_WRITES_ONLY = "DualCache (writes only)";
  static final String DUALCACHE_LIVE = "DualCache (live)";

  /** The policies whose best figure a row is compared with. */
  static final List<String> FIELD = List.of(CAFFEINE, LRU, ARC, S3_FIFO);

  /** The deterministic policies whose README figures the simulator must reproduce. */
  private static final List<String> REPRODUCED = List.of(OPT, LRU, ARC, S3_FIFO);

  /** How far (points) a deterministic policy's figure may be from the README's. */
  static final double TOLERANCE = 0.05;

  private final Results results;
  private final ReferenceFigures refs;

  HitRatioReport(Results results, ReferenceFigures refs) {
    this.results = results;
    this.refs = refs;
  }

  String render(String header) {
    StringBuilder md = new StringBuilder(header);
    md.append(targets());
    md.append(bySet());
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
    if (readmeRows(false).isEmpty()) {
      md.append("DualCache and Caffeine were not both run (see --policies): no targets to check.\n\n");
      return md.toString();
    }
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
    List<String> belowField = new ArrayList<>();
    int fieldRows = 0;
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      for (int size : trace.getValue()) {
        Object[] best = bestOfField(trace.getKey(), size);
        Double dual = results.mean(trace.getKey(), size, DUALCACHE);
        if (best == null || dual == null) {
          continue;
        }
        fieldRows++;
        double gap = dual - (Double) best[1];
        if (gap < -1) {
          belowField.add(String.format("%s@%d %+.2f (%s)", trace.getKey(), size, gap, best[0]));
        }
      }
    }
    if (fieldRows > 0) {
      md.append(
          String.format(
              "Rows (all traces run) more than 1 point below the best of Caffeine, LRU, ARC and S3-FIFO"
                  + " measured here: %d of %d%s%n%n",
              belowField.size(), fieldRows, belowField.isEmpty() ? "." : ": " + String.join(", ", belowField) + "."));
    }
    return md.toString();
  }

  // ---------------------------------------------------------------- by set

  /** A row of a set's table: DualCache and the field measured at (trace, size). */
  private record SetRow(String trace, int size, Double opt, double dual, double caffeine, double lru,
      double arc, double s3fifo, String bestName, double best) {}

  /** The rows of each set that have DualCache and all of {@link #FIELD}, in run order. */
  private Map<TraceSet, List<SetRow>> rowsBySet() {
    Map<TraceSet, List<SetRow>> bySet = new EnumMap<>(TraceSet.class);
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      String t = trace.getKey();
      for (int size : trace.getValue()) {
        Object[] best = bestOfField(t, size);
        Double dual = results.mean(t, size, DUALCACHE);
        if (best == null || dual == null) {
          continue;
        }
        bySet.computeIfAbsent(results.setOf(t), k -> new ArrayList<>()).add(new SetRow(t, size,
            results.mean(t, size, OPT), dual, results.mean(t, size, CAFFEINE), results.mean(t, size, LRU),
            results.mean(t, size, ARC), results.mean(t, size, S3_FIFO), (String) best[0], (Double) best[1]));
      }
    }
    return bySet;
  }

  /** The summary lines of {@code rows}: mean vs Caffeine and vs best, rows more than 1 (2) points below best. */
  private static String summary(String label, List<SetRow> rows) {
    double dual = 0;
    double caffeine = 0;
    double best = 0;
    List<String> below1 = new ArrayList<>();
    int below2 = 0;
    for (SetRow r : rows) {
      dual += r.dual();
      caffeine += r.caffeine();
      best += r.best();
      double gap = r.dual() - r.best();
      if (gap < -1) {
        below1.add(String.format("%s@%d %+.2f (%s)", r.trace(), r.size(), gap, r.bestName()));
      }
      if (gap < -2) {
        below2++;
      }
    }
    int n = rows.size();
    return String.format(
        "- %s, %d rows: mean vs Caffeine: DualCache %.2f, Caffeine %.2f, Δ %+.2f (target ≥ +1: %s);"
            + " mean of best of field %.2f, DualCache − best %+.2f.%n"
            + "- %s: rows more than 1 point below best of (Caffeine, LRU, ARC, S3-FIFO): %d of %d"
            + " (more than 2 points: %d)%s%n",
        label, n, dual / n, caffeine / n, (dual - caffeine) / n, (dual - caffeine) / n >= 1 ? "met" : "missed",
        best / n, (dual - best) / n,
        label, below1.size(), n, below2, below1.isEmpty() ? "." : ": " + String.join(", ", below1) + ".");
  }

  /** Each set's table with its own means and counts, then the figures over all rows and over the rows not tuned on. */
  String bySet() {
    Map<TraceSet, List<SetRow>> bySet = rowsBySet();
    if (bySet.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## By set: tuned on, and not\n\n");
    md.append(
        "The policy was tuned on the tuning set only; the check set and the synthetic check set report"
            + " how what was tuned generalises. Hit ratios in %; best = the best of Caffeine (mean of"
            + " its runs), LRU, ARC and S3-FIFO measured here; Δ best = DualCache − best; Δ Caf ="
            + " DualCache − Caffeine.\n\n");
    for (Map.Entry<TraceSet, List<SetRow>> e : bySet.entrySet()) {
      List<SetRow> rows = e.getValue();
      md.append("### ").append(capital(e.getKey().title())).append(": ").append(e.getKey().what()).append("\n\n");
      md.append("| trace | size | OPT | DualCache | Caffeine | LRU | ARC | S3-FIFO | best | Δ best | Δ Caf |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
      double[] sum = new double[9];
      int optRows = 0;
      for (SetRow r : rows) {
        md.append(String.format("| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s %.2f | %s | %+.2f |%n",
            r.trace(), r.size(), r.opt() == null ? "" : pct(r.opt()), r.dual(), r.caffeine(), r.lru(), r.arc(),
            r.s3fifo(), r.bestName(), r.best(), gap(r.dual() - r.best()), r.dual() - r.caffeine()));
        if (r.opt() != null) {
          sum[0] += r.opt();
          optRows++;
        }
        double[] v = {r.dual(), r.caffeine(), r.lru(), r.arc(), r.s3fifo(), r.best(), r.dual() - r.best(), r.dual() - r.caffeine()};
        for (int i = 0; i < v.length; i++) {
          sum[i + 1] += v[i];
        }
      }
      int n = rows.size();
      md.append(String.format("| **mean** | %d rows | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %+.2f | %+.2f |%n%n",
          n, optRows == n ? pct(sum[0] / n) : "", sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n,
          sum[6] / n, sum[7] / n, sum[8] / n));
      md.append(summary(capital(e.getKey().title()), rows)).append('\n');
    }
    md.append("### Over the sets\n\n");
    md.append(overall(bySet)).append('\n');
    return md.toString();
  }

  /** The summary lines of every set, then over all rows and over the rows not tuned on (for stdout). */
  String bySetSummary() {
    Map<TraceSet, List<SetRow>> bySet = rowsBySet();
    if (bySet.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("By set:\n\n");
    for (Map.Entry<TraceSet, List<SetRow>> e : bySet.entrySet()) {
      out.append(summary(capital(e.getKey().title()), e.getValue()));
    }
    out.append(overall(bySet)).append('\n');
    return out.toString();
  }

  private static String overall(Map<TraceSet, List<SetRow>> bySet) {
    List<SetRow> all = new ArrayList<>();
    List<SetRow> notTuned = new ArrayList<>();
    for (Map.Entry<TraceSet, List<SetRow>> e : bySet.entrySet()) {
      all.addAll(e.getValue());
      if (e.getKey() != TraceSet.TUNING) {
        notTuned.addAll(e.getValue());
      }
    }
    StringBuilder out = new StringBuilder();
    if (bySet.size() > 1) {
      out.append(summary("All rows run", all));
    }
    if (!notTuned.isEmpty() && notTuned.size() < all.size() && bySet.size() > 2) {
      out.append(summary("Not tuned on (check + synthetic)", notTuned));
    }
    return out.toString();
  }

  private static String gap(double gap) {
    String g = String.format("%+.2f", gap);
    return gap < -1 ? "**" + g + "**" : g;
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ---------------------------------------------------------------- reproduction

  /** The rows of the README that were measured here, in the run's trace order, by size. */
  private List<ReferenceFigures.Row> measuredReadmeRows() {
    List<ReferenceFigures.Row> rows = new ArrayList<>();
    for (ReferenceFigures.Row r : refs.rows()) {
      for (String p : REPRODUCED) {
        if (results.get(r.trace(), r.size(), p) != null) {
          rows.add(r);
          break;
        }
      }
    }
    rows.sort(
        Comparator.comparing((ReferenceFigures.Row r) -> traceOrder(r.trace()))
            .thenComparingInt(ReferenceFigures.Row::size));
    return rows;
  }

  /** The figures (ours, the README's) of {@code policy} on {@code r}, or null if either is missing. */
  private double[] pair(ReferenceFigures.Row r, String policy) {
    Measurement m = results.get(r.trace(), r.size(), policy);
    Double ref = r.figures().get(policy);
    return m == null || ref == null ? null : new double[] {m.mean(), ref};
  }

  private static boolean within(double[] pair) {
    return Math.abs(pair[0] - pair[1]) <= TOLERANCE + 1e-9;
  }

  String reproduction() {
    StringBuilder md = new StringBuilder("## Reproduction of the README's figures\n\n");
    md.append(
        "Ours beside the README's, and the difference (ours − README). OPT, LRU, ARC and S3-FIFO"
            + " are deterministic and must reproduce within "
            + TOLERANCE
            + " points: the last column says which do not. Caffeine: mean of 3 runs, with their"
            + " range; its admission is randomised, and the README notes runs that differ by up"
            + " to ~2 points on small traces, so it is shown but not checked.\n\n");
    md.append("| trace | size | OPT | README | Δ | Caffeine | runs | README | Δ | LRU | README | Δ"
        + " | ARC | README | Δ | S3-FIFO | README | Δ | within " + TOLERANCE + " |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    String[] policies = {OPT, CAFFEINE, LRU, ARC, S3_FIFO};
    double[] worst = new double[policies.length];
    double[] sumAbs = new double[policies.length];
    int[] n = new int[policies.length];
    for (ReferenceFigures.Row r : measuredReadmeRows()) {
      md.append(String.format("| %s | %d", r.trace(), r.size()));
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
      List<String> failed = new ArrayList<>();
      int checked = 0;
      for (String p : REPRODUCED) {
        double[] pair = pair(r, p);
        if (pair != null) {
          checked++;
          if (!within(pair)) {
            failed.add(p);
          }
        }
      }
      md.append(" | ").append(checked == 0 ? "" : failed.isEmpty() ? "pass" : "**fail**: " + String.join(", ", failed));
      md.append(" |\n");
    }
    md.append('\n');
    for (int p = 0; p < policies.length; p++) {
      if (n[p] > 0) {
        md.append(
            String.format(
                "- %s: %d rows, mean |Δ| %.2f, largest |Δ| %.2f points%n",
                policies[p], n[p], sumAbs[p] / n[p], worst[p]));
      }
    }
    md.append('\n');
    md.append(reproductionCheck());
    md.append('\n');
    return md.toString();
  }

  /**
   * Which README rows OPT, LRU, ARC and S3-FIFO reproduce within {@link #TOLERANCE} points, policy
   * by policy, with every failing row named (printed at the end of a run, and in the report).
   */
  String reproductionCheck() {
    StringBuilder md = new StringBuilder();
    md.append(String.format("Reproduction check (|ours − README| ≤ %.2f points):%n%n", TOLERANCE));
    List<ReferenceFigures.Row> rows = measuredReadmeRows();
    for (String p : REPRODUCED) {
      List<String> passed = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (ReferenceFigures.Row r : rows) {
        double[] pair = pair(r, p);
        if (pair == null) {
          continue;
        }
        String row = r.trace() + "@" + r.size();
        if (within(pair)) {
          passed.add(row);
        } else {
          failed.add(String.format("%s (ours %.2f, README %.2f, %+.2f)", row, pair[0], pair[1], pair[0] - pair[1]));
        }
      }
      if (passed.isEmpty() && failed.isEmpty()) {
        continue;
      }
      md.append(
          String.format(
              "- %s: %d of %d rows pass%s%n",
              p,
              passed.size(),
              passed.size() + failed.size(),
              failed.isEmpty() ? " (all)." : "; **fail**: " + String.join(", ", failed) + "."));
    }
    md.append('\n');
    return md.toString();
  }

  // ---------------------------------------------------------------- DualCache against the field

  /**
   * The best of {@link #FIELD} as measured in this run at (trace, size): {name, value}, or null
   * unless all four were measured there.
   */
  Object[] bestOfField(String trace, int size) {
    String bestName = null;
    double best = Double.NEGATIVE_INFINITY;
    for (String f : FIELD) {
      Double v = results.mean(trace, size, f);
      if (v == null) {
        return null;
      }
      if (v > best) {
        best = v;
        bestName = f;
      }
    }
    return new Object[] {bestName, best};
  }

  String dualCacheTable() {
    StringBuilder md = new StringBuilder("## DualCache against the field\n\n");
    md.append(
        "All hit ratios in %. DualCache: every hit reaches the policy (cleanUp after each hit)."
            + " Writes only: rounds only after writes (a run of more than 1,024 hits between misses"
            + " loses the rest). Live: two threads through the running daemon (one run; not"
            + " deterministic; inflated wherever the cache ran over its bound, listed below)."
            + " Δ Caf = DualCache − Caffeine (ours). Best of field = the best of Caffeine (mean of"
            + " its runs), LRU, ARC and S3-FIFO as measured in this run (all four needed); gap ="
            + " DualCache − that. README best = the best README figure among the same four, where"
            + " the README has ARC.\n\n");
    md.append("| trace | size | OPT | LRU | ARC | S3-FIFO | Caffeine | DualCache | writes only | live | Δ Caf"
        + " | best of field | gap | README best | gap |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|\n");
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      for (int size : trace.getValue()) {
        String t = trace.getKey();
        Double dual = results.mean(t, size, DUALCACHE);
        Double caffeine = results.mean(t, size, CAFFEINE);
        md.append(String.format("| %s | %d", t, size));
        for (String p : new String[] {OPT, LRU, ARC, S3_FIFO, CAFFEINE, DUALCACHE, DUALCACHE_WRITES_ONLY, DUALCACHE_LIVE}) {
          Double v = results.mean(t, size, p);
          md.append(" | ").append(v == null ? "" : pct(v));
          Measurement m = results.get(t, size, p);
          if (m != null && m.note() != null) {
            notes.add(String.format("%s@%d, %s: %s", t, size, p, m.note()));
          }
        }
        md.append(" | ").append(dual != null && caffeine != null ? String.format("%+.2f", dual - caffeine) : "");
        Object[] measured = bestOfField(t, size);
        if (measured != null) {
          double best = (Double) measured[1];
          md.append(String.format(" | %s %.2f | %s", measured[0], best, dual == null ? "" : String.format("%+.2f", dual - best)));
        } else {
          md.append(" |  | ");
        }
        String bestName = null;
        double best = Double.NEGATIVE_INFINITY;
        for (String f : FIELD) {
          Double v = refs.get(t, size, f);
          if (v != null && v > best) {
            best = v;
            bestName = f;
          }
        }
        if (bestName != null && refs.get(t, size, ARC) != null) {
          md.append(String.format(" | %s %.2f | %s", bestName, best, dual == null ? "" : String.format("%+.2f", dual - best)));
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
