package io.dualcache.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The audit trail a TCK fork leaves for {@link TckVerifier}: one tab-separated record a line in
 * {@code ${tck.audit.dir}/${tck.audit.suite}.log}. Each record is appended and closed at once so
 * that a fork that dies still leaves what it saw.
 */
final class TckAudit {
  private static final Path FILE = auditFile();

  private TckAudit() {}

  static String suite() {
    return System.getProperty("tck.audit.suite", "unknown");
  }

  /** Appends {@code event<TAB>field...}; tabs and line breaks inside fields become spaces. */
  static synchronized void record(String event, Object... fields) {
    StringBuilder line = new StringBuilder(event);
    for (Object field : fields) {
      line.append('\t').append(String.valueOf(field).replaceAll("[\t\r\n]+", " "));
    }
    line.append('\n');
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Losing the audit must not pass quietly: the verifier then finds records missing.
      throw new UncheckedIOException("cannot write the TCK audit " + FILE, e);
    }
  }

  private static Path auditFile() {
    String dir = System.getProperty("tck.audit.dir", "target/tck-audit");
    return Paths.get(dir, suite() + ".log").toAbsolutePath();
  }
}
