package io.dualcache.bench.sim;

import java.util.List;

/**
 * A policy's hit ratios (%) on one (trace, size): one per run; the table shows their mean and, for
 * several runs, their range.
 */
record Measurement(String trace, int size, String policy, List<Double> runs, String note) {

  double mean() {
    return runs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  double min() {
    return runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max() {
    return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
