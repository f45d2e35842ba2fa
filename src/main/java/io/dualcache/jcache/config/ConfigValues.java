package io.dualcache.jcache.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Locale;

/** How the readers show a value of the file in a message: its type, its text and its line. */
final class ConfigValues {

  private ConfigValues() {}

  /** For example {@code string "lots"} or {@code number 2.5}. */
  static String describe(ConfigValue value) {
    return value.valueType().name().toLowerCase(Locale.ROOT)
        + " "
        + value.render(ConfigRenderOptions.concise());
  }

  /** The line of {@code value} in its file, or 0 when unknown or there is no value. */
  static int line(ConfigValue value) {
    return value == null ? 0 : Math.max(value.origin().lineNumber(), 0);
  }
}
