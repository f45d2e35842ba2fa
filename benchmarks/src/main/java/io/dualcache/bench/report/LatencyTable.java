package io.dualcache.bench.report;

import java.util.Comparator;
import java.util.List;

/** Latency percentiles of get and put (JMH sample mode, one reader and one writer), as Markdown. */
final class LatencyTable {

  private static final String[] PERCENTILES = {"50.0", "99.0", "99.9"};

  private LatencyTable() {}

  static String render(List<JmhRecord> records, List<String> implOrder) {
    List<JmhRecord> rows =
        records.stream()
            .filter(r -> r.method().equals("mixed"))
            .sorted(
                Comparator.comparingInt((JmhRecord r) -> r.size())
                    .thenComparingInt(r -> ThroughputTables.order(implOrder, r.impl())))
            .toList();
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("| implementation | keys | get p50 | get p99 | get p99.9 | put p50 | put p99 | put p99.9 |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (JmhRecord r : rows) {
      out.append(String.format("| %s | %,d", r.impl(), r.size()));
      for (String op : new String[] {"get", "put"}) {
        for (String p : PERCENTILES) {
          Double ns = r.secondary().get(op + ":p" + p);
          out.append(ns == null ? " | " : String.format(" | %,.0f", ns));
        }
      }
      out.append(" |\n");
    }
    return out.toString();
  }
}
