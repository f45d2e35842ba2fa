package io.dualcache.bench.sim;

import java.util.List;
import java.util.Map;

/** The measurements as CSV, one line per (trace, size, policy), for other tools. */
final class Csv {

  private static final List<String> POLICIES =
      List.of(
          HitRatioReport.OPT,
          HitRatioReport.LRU,
          HitRatioReport.ARC,
          HitRatioReport.S3_FIFO,
          HitRatioReport.CAFFEINE,
          HitRatioReport.DUALCACHE,
          HitRatioReport.DUALCACHE_WRITES_ONLY,
          HitRatioReport.DUALCACHE_LIVE);

  private Csv() {}

  static String render(Results results) {
    StringBuilder csv = new StringBuilder("trace,size,policy,hit_ratio_mean,hit_ratio_min,hit_ratio_max,runs\n");
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      for (int size : trace.getValue()) {
        for (String policy : POLICIES) {
          Measurement m = results.get(trace.getKey(), size, policy);
          if (m != null) {
            csv.append(
                String.format(
                    "%s,%d,%s,%.4f,%.4f,%.4f,%d%n",
                    trace.getKey(), size, policy, m.mean(), m.min(), m.max(), m.runs().size()));
          }
        }
      }
    }
    return csv.toString();
  }
}
