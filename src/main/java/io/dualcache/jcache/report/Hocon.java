package io.dualcache.jcache.report;

import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;

/** Writes the text of configuration files: durations, quoted names, and a cache's block. */
final class Hocon {

  private Hocon() {}

  /** {@code dualcache { caches { "<name>" { <settings> } } }} on one line. */
  static String cacheBlock(String name, String settings) {
    return "dualcache { caches { " + quoted(name) + " { " + settings + " } } }";
  }

  /** {@code name} as a HOCON quoted string: Hibernate's region names have dots. */
  static String quoted(String name) {
    StringBuilder text = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\t' -> text.append("\\t");
        case '\r' -> text.append("\\r");
        default -> {
          if (c < 0x20) { // no other control character may stand unescaped in a quoted string
            text.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }

  /** A duration as the file writes it ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}). */
  static String duration(Duration duration) {
    if (duration.isEternal()) {
      return "eternal";
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    if (millis == 0) {
      return "0ms";
    }
    if (millis % TimeUnit.DAYS.toMillis(1) == 0) {
      return millis / TimeUnit.DAYS.toMillis(1) + "d";
    }
    if (millis % TimeUnit.HOURS.toMillis(1) == 0) {
      return millis / TimeUnit.HOURS.toMillis(1) + "h";
    }
    if (millis % TimeUnit.MINUTES.toMillis(1) == 0) {
      return millis / TimeUnit.MINUTES.toMillis(1) + "m";
    }
    if (millis % TimeUnit.SECONDS.toMillis(1) == 0) {
      return millis / TimeUnit.SECONDS.toMillis(1) + "s";
    }
    return millis + "ms";
  }
}
