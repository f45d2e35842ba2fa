package io.dualcache.bench.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG per trace: hit ratio against cache size, a line per policy measured here and, as bare
 * markers, the README's ARC and S3-FIFO figures where it has them. Drawn with XChart.
 */
final class Charts {

  private static final List<String> MEASURED =
      List.of(
          HitRatioReport.OPT,
          HitRatioReport.CAFFEINE,
          HitRatioReport.LRU,
          HitRatioReport.DUALCACHE,
          HitRatioReport.DUALCACHE_WRITES_ONLY,
          HitRatioReport.DUALCACHE_LIVE);
  private static final List<String> REFERENCE_ONLY = List.of("ARC", "S3-FIFO");

  private Charts() {}

  static List<Path> write(Results results, ReferenceFigures refs, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> trace : results.sizesByTrace().entrySet()) {
      List<Integer> sizes = new ArrayList<>(trace.getValue());
      sizes.sort(null);
      XYChart chart =
          new XYChartBuilder()
              .width(900)
              .height(560)
              .title("Hit ratio: " + trace.getKey())
              .xAxisTitle("cache size (entries)")
              .yAxisTitle("hit ratio (%)")
              .build();
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
      chart.getStyler().setYAxisMin(0.0);
      for (String policy : MEASURED) {
        addSeries(chart, policy, sizes, s -> results.mean(trace.getKey(), s, policy), true);
      }
      for (String policy : REFERENCE_ONLY) {
        addSeries(chart, policy + " (README)", sizes, s -> refs.get(trace.getKey(), s, policy), false);
      }
      Path file = dir.resolve(fileName(trace.getKey()) + ".png");
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
      written.add(file);
    }
    return written;
  }

  private interface Value {
    Double at(int size);
  }

  private static void addSeries(XYChart chart, String name, List<Integer> sizes, Value value, boolean line) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int s : sizes) {
      Double v = value.at(s);
      if (v != null) {
        xs.add((double) s);
        ys.add(v);
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setMarker(SeriesMarkers.CIRCLE);
    if (!line) {
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
  }

  static String fileName(String trace) {
    return "hit-ratio-" + trace.replace('×', 'x').replaceAll("[^A-Za-z0-9.+_-]", "_");
  }
}
