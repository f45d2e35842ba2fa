package io.dualcache.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One result of a JMH run, read from its JSON output ({@code -rf json}): the parts the reports use.
 *
 * @param method the benchmark method ("read", "readWrite", "write", "mixed")
 * @param threads the thread count of the run
 * @param impl the {@code impl} parameter
 * @param size the {@code size} parameter
 * @param score JMH's score (the mean over all iterations of all forks)
 * @param forkMeans the mean of each fork's iterations: the spread between forks is the noise
 * @param secondary each secondary metric's score ("gc.alloc.rate.norm", ...) and, for sample-time
 *     groups, each method's percentiles as "get:p50.0" and so on
 */
record JmhRecord(
    String method,
    int threads,
    String impl,
    int size,
    double score,
    List<Double> forkMeans,
    Map<String, Double> secondary) {

  static List<JmhRecord> readAll(List<Path> files) throws IOException {
    List<JmhRecord> all = new ArrayList<>();
    for (Path file : files) {
      try (Reader in = Files.newBufferedReader(file)) {
        for (JsonElement e : JsonParser.parseReader(in).getAsJsonArray()) {
          all.add(of(e.getAsJsonObject()));
        }
      }
    }
    return all;
  }

  private static JmhRecord of(JsonObject o) {
    String benchmark = o.get("benchmark").getAsString();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    JsonObject params = o.getAsJsonObject("params");
    JsonObject primary = o.getAsJsonObject("primaryMetric");
    Map<String, Double> secondary = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("secondaryMetrics").entrySet()) {
      JsonObject metric = m.getValue().getAsJsonObject();
      secondary.put(m.getKey(), metric.get("score").getAsDouble());
      JsonObject percentiles = metric.getAsJsonObject("scorePercentiles");
      if (percentiles != null && !m.getKey().contains(":")) {
        for (Map.Entry<String, JsonElement> p : percentiles.entrySet()) {
          secondary.put(m.getKey() + ":p" + p.getKey(), p.getValue().getAsDouble());
        }
      }
    }
    return new JmhRecord(
        method,
        o.get("threads").getAsInt(),
        params.get("impl").getAsString(),
        params.get("size").getAsInt(),
        primary.get("score").getAsDouble(),
        forkMeans(primary.getAsJsonArray("rawData")),
        secondary);
  }

  private static List<Double> forkMeans(JsonArray rawData) {
    List<Double> means = new ArrayList<>();
    if (rawData == null) {
      return means;
    }
    for (JsonElement fork : rawData) {
      double sum = 0;
      int n = 0;
      for (JsonElement iteration : fork.getAsJsonArray()) {
        sum += iteration.getAsDouble();
        n++;
      }
      if (n > 0) {
        means.add(sum / n);
      }
    }
    return means;
  }
}
