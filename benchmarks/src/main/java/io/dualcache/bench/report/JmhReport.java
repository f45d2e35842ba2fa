package io.dualcache.bench.report;

import io.dualcache.bench.jmh.CacheImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns JMH JSON results into Markdown tables of throughput ratios and latency percentiles.
 *
 * <pre>
 * java -cp benchmarks.jar io.dualcache.bench.report.JmhReport OUT.md TITLE RESULT.json...
 * </pre>
 */
public final class JmhReport {

  private JmhReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: JmhReport OUT.md TITLE RESULT.json...");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    String title = args[1];
    List<Path> inputs = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      if (Files.exists(Path.of(args[i]))) {
        inputs.add(Path.of(args[i]));
      }
    }
    List<JmhRecord> records = JmhRecord.readAll(inputs);
    List<String> order = Arrays.stream(CacheImpl.values()).map(Enum::name).toList();

    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append(
        "Ratios are taken within this run. \"forks min..max\" is the spread of the per-fork means:"
            + " on this machine identical forks differ by up to 2.7×, so read a ratio only where"
            + " the spreads do not overlap. B/op is JMH's gc.alloc.rate.norm (`-prof gc`).\n\n");
    md.append("## Throughput\n\n").append(ThroughputTables.render(records, order));
    String latency = LatencyTable.render(records, order);
    if (!latency.isEmpty()) {
      md.append("## Latency (ns), one reader and one writer at once\n\n").append(latency);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md);
    System.out.println("wrote " + out + " (" + records.size() + " results)");
  }
}
