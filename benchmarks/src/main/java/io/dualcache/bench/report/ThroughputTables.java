package io.dualcache.bench.report;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Throughput as Markdown: one table per (mix, threads, size), one row per implementation, with the
 * spread between forks and the ratios to ConcurrentHashMap and to Caffeine taken from the same
 * run. On a noisy machine a single score means little; the ratio within one run and the fork
 * spread are what to read.
 */
final class ThroughputTables {

  private ThroughputTables() {}

  static String render(List<JmhRecord> records, List<String> implOrder) {
    Map<String, List<JmhRecord>> byTable =
        records.stream()
            .filter(r -> !r.method().equals("mixed"))
            .collect(
                Collectors.groupingBy(
                    // mix in its natural order, then threads, then size: keys sort as strings
                    r -> String.format("%d|%03d|%012d", mixOrder(r.method()), r.threads(), r.size()),
                    TreeMap::new,
                    Collectors.toList()));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<JmhRecord>> table : byTable.entrySet()) {
      List<JmhRecord> rows = table.getValue();
      rows.sort(Comparator.comparingInt(r -> order(implOrder, r.impl())));
      JmhRecord first = rows.get(0);
      out.append(
          String.format(
              "### %s, %d thread%s, %,d keys%n%n",
              mixName(first.method()), first.threads(), first.threads() == 1 ? "" : "s", first.size()));
      out.append("| implementation | M ops/s | forks min..max | × CHM | × Caffeine | B/op |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      Double chm = scoreOf(rows, "CHM");
      Double caffeine = scoreOf(rows, "Caffeine");
      for (JmhRecord r : rows) {
        out.append(
            String.format(
                "| %s | %.1f | %s | %s | %s | %s |%n",
                r.impl(),
                r.score() / 1e6,
                spread(r.forkMeans()),
                ratio(r.score(), chm),
                ratio(r.score(), caffeine),
                bytes(r.secondary().get("gc.alloc.rate.norm"))));
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String mixName(String method) {
    return switch (method) {
      case "read" -> "read 100%";
      case "readWrite" -> "read 75% / write 25%";
      case "write" -> "write 100%";
      default -> method;
    };
  }

  private static int mixOrder(String method) {
    return switch (method) {
      case "read" -> 0;
      case "readWrite" -> 1;
      case "write" -> 2;
      default -> 3;
    };
  }

  static int order(List<String> implOrder, String impl) {
    int i = implOrder.indexOf(impl);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static Double scoreOf(List<JmhRecord> rows, String impl) {
    return rows.stream().filter(r -> r.impl().equals(impl)).map(JmhRecord::score).findFirst().orElse(null);
  }

  private static String spread(List<Double> forkMeans) {
    if (forkMeans.isEmpty()) {
      return "";
    }
    return String.format(
        "%.1f..%.1f", Collections.min(forkMeans) / 1e6, Collections.max(forkMeans) / 1e6);
  }

  private static String ratio(double score, Double reference) {
    return reference == null || reference == 0 ? "" : String.format("%.2f", score / reference);
  }

  private static String bytes(Double bytesPerOp) {
    return bytesPerOp == null ? "" : String.format("%.1f", bytesPerOp);
  }
}
