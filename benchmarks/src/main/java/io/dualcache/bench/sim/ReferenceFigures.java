package io.dualcache.bench.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hit ratios (%) the traces' README lists, read from the README itself so no figure is copied
 * by hand: its anchor table, its "More sizes" bullets (same column order), and the gli LRU
 * cross-check (BitFaster's figures at 250..2000 step 250).
 */
public final class ReferenceFigures {

  /** The README's columns, in its order. */
  public static final List<String> COLUMNS =
      List.of("OPT", "Caffeine", "LRU", "ARC", "S3-FIFO", "SIEVE", "CLOCK");

  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\|\\s*([^|]+?)\\s*\\|\\s*(\\d+)\\s*\\|((?:\\s*[\\d.]+\\s*\\|){7})\\s*$");
  private static final Pattern MORE_SIZES =
      Pattern.compile("^\\*\\s+(\\S+)\\s+(\\d+):\\s*([\\d.]+(?:\\s*/\\s*[\\d.]+){6})\\s*$");
  private static final Pattern GLI_LRU =
      Pattern.compile("LRU on gli at 250…2000.*?\\(([\\d./]+)\\)");

  /** One row of reference figures; {@code anchor} is true for the README's main table. */
  public record Row(String trace, int size, Map<String, Double> figures, boolean anchor) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();

  private ReferenceFigures() {}

  public static ReferenceFigures read(Path readme) throws IOException {
    ReferenceFigures refs = new ReferenceFigures();
    if (!Files.isRegularFile(readme)) {
      return refs;
    }
    String text = Files.readString(readme);
    for (String line : text.split("\\R")) {
      Matcher m = TABLE_ROW.matcher(line);
      if (m.matches()) {
        refs.add(m.group(1), Integer.parseInt(m.group(2)), m.group(3).split("\\|"), true);
        continue;
      }
      m = MORE_SIZES.matcher(line);
      if (m.matches()) {
        refs.add(m.group(1), Integer.parseInt(m.group(2)), m.group(3).split("/"), false);
      }
    }
    Matcher gli = GLI_LRU.matcher(text.replaceAll("\\s+", " "));
    if (gli.find()) {
      String[] values = gli.group(1).split("/");
      for (int i = 0; i < values.length; i++) {
        int size = 250 * (i + 1);
        String key = key("gli", size);
        Row row = refs.rows.get(key);
        Map<String, Double> figures = row != null ? row.figures() : new HashMap<>();
        figures.putIfAbsent("LRU", Double.parseDouble(values[i].trim()));
        if (row == null) {
          refs.rows.put(key, new Row("gli", size, figures, false));
        }
      }
    }
    return refs;
  }

  private void add(String trace, int size, String[] cells, boolean anchor) {
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> values = new ArrayList<>();
    for (String c : cells) {
      if (!c.isBlank()) {
        values.add(c.trim());
      }
    }
    for (int i = 0; i < COLUMNS.size() && i < values.size(); i++) {
      figures.put(COLUMNS.get(i), Double.parseDouble(values.get(i)));
    }
    rows.put(key(trace, size), new Row(trace, size, figures, anchor));
  }

  /** The figure of {@code column} for (trace, size), or null. */
  public Double get(String trace, int size, String column) {
    Row row = rows.get(key(trace, size));
    return row == null ? null : row.figures().get(column);
  }

  public Row row(String trace, int size) {
    return rows.get(key(trace, size));
  }

  public List<Row> rows() {
    return new ArrayList<>(rows.values());
  }

  private static String key(String trace, int size) {
    return trace + "@" + size;
  }
}
