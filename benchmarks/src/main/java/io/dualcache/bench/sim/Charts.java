package io.dualcache.bench.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG per trace: hit ratio against cache size, a line per policy measured here (ARC and S3-FIFO
 * included) and, as bare markers, the README's ARC and S3-FIFO figures where it has them, so a
 * marker off its line shows a figure that does not reproduce. Drawn with XChart.
 */
final class Charts {

  private static final List<String> MEASURED =
      List.of(
          HitRatioReport.OPT,
          HitRatioReport.CAFFEINE,
          HitRatioReport.LRU,
          HitRatioReport.ARC,
          HitRatioReport.S3_FIFO,
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
              .width(1000)
              .height(560)
              .title("Hit ratio: " + trace.getKey())
              .xAxisTitle("cache size (entries)")
              .yAxisTitle("hit ratio (%)")
              .build();
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      chart.getStyler().setYAxisMin(0.0);
      // Sizes spanning a factor of 20 or more (1k..100k) read better on a log axis.
      chart.getStyler().setXAxisLogarithmic(sizes.get(sizes.size() - 1) >= 20 * sizes.get(0));
      for (String policy : MEASURED) {
        XYSeries series =
            addSeries(chart, policy, sizes, s -> results.mean(trace.getKey(), s, policy), true);
        if (series != null) {
          style(series, policy);
        }
      }
      for (String policy : REFERENCE_ONLY) {
        XYSeries series =
            addSeries(chart, policy + " (README)", sizes, s -> refs.get(trace.getKey(), s, policy), false);
        if (series != null) {
          series.setMarkerColor(policy.equals("ARC") ? new Color(0xC0, 0x40, 0xC0) : new Color(0x20, 0xA0, 0xA0));
          series.setMarker(policy.equals("ARC") ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
        }
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

  /** Fixed colours and strokes, so DualCache stands out and the charts of all traces agree. */
  private static void style(XYSeries series, String policy) {
    Color color;
    BasicStroke stroke = SeriesLines.SOLID;
    switch (policy) {
      case HitRatioReport.OPT -> {
        color = Color.DARK_GRAY;
        stroke = SeriesLines.DASH_DASH;
      }
      case HitRatioReport.CAFFEINE -> color = new Color(0x1F, 0x60, 0xD0);
      case HitRatioReport.LRU -> color = new Color(0x90, 0x90, 0x90);
      case HitRatioReport.ARC -> {
        color = new Color(0xC0, 0x40, 0xC0);
        stroke = SeriesLines.DASH_DOT;
      }
      case HitRatioReport.S3_FIFO -> {
        color = new Color(0x20, 0xA0, 0xA0);
        stroke = SeriesLines.DASH_DOT;
      }
      case HitRatioReport.DUALCACHE -> {
        color = new Color(0xD0, 0x20, 0x20);
        stroke = new BasicStroke(3f);
      }
      case HitRatioReport.DUALCACHE_WRITES_ONLY -> {
        color = new Color(0xF0, 0x90, 0x10);
        stroke = SeriesLines.DASH_DOT;
      }
      default -> {
        color = new Color(0x30, 0xA0, 0x30);
        stroke = SeriesLines.DOT_DOT;
      }
    }
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(stroke);
  }

  private static XYSeries addSeries(XYChart chart, String name, List<Integer> sizes, Value value, boolean line) {
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
      return null;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setMarker(SeriesMarkers.CIRCLE);
    if (!line) {
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    return series;
  }

  static String fileName(String trace) {
    return "hit-ratio-" + trace.replace('×', 'x').replaceAll("[^A-Za-z0-9.+_-]", "_");
  }
}
