package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.ConfigurationReport;
import io.dualcache.jcache.ConfigurationReport.Finding;
import io.dualcache.jcache.ConfigurationReport.Kind;
import io.dualcache.jcache.DualCacheManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration report of the manager Hibernate opens: the regions Hibernate creates itself
 * (from a plain {@code new MutableConfiguration<>()}, for each region the file does not declare)
 * are findings whose snippets declare them, and once those snippets are in the file they are gone.
 */
class ConfigurationReportTest {

  private static final String AUTHOR_REGION = Author.class.getName();
  private static final String BOOK_REGION = Book.class.getName();

  /** Declares the Book region only; no template, so Hibernate's own regions are unbounded. */
  private static final String BOOK_ONLY =
      "dualcache { caches { \""
          + BOOK_REGION
          + "\" { maximum-size = 50, expire-after-write = 10m, store-by-value = false,"
          + " statistics = true } } }\n";

  @TempDir Path directory;

  @Test
  void regionsHibernateCreatesAreFindingsWithTheSnippetThatDeclaresThem() throws IOException {
    Path file = directory.resolve("regions.conf");
    Files.writeString(file, BOOK_ONLY);
    List<Finding> findings = reportOf(file).findings();

    List<Kind> authorKinds =
        findings.stream().filter(f -> f.cache().equals(AUTHOR_REGION)).map(Finding::kind).toList();
    assertTrue(authorKinds.contains(Kind.UNBOUNDED), findings.toString());
    assertTrue(authorKinds.contains(Kind.PLAIN_CONFIGURATION), findings.toString());
    Finding plain = plainFinding(findings, AUTHOR_REGION);
    assertTrue(plain.message().contains("created by a framework"), plain.message());
    assertEquals(
        "dualcache { caches { \""
            + AUTHOR_REGION
            + "\" { maximum-size = 10000, expire-after-write = 10m, store-by-value = false,"
            + " statistics = true } } }",
        plain.snippet());
    Finding unbounded =
        findings.stream()
            .filter(f -> f.cache().equals(AUTHOR_REGION) && f.kind() == Kind.UNBOUNDED)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "dualcache { caches { \"" + AUTHOR_REGION + "\" { maximum-size = 10000 } } }",
        unbounded.snippet());
    // The collection role and the query regions too; the declared region is not.
    assertTrue(hasPlain(findings, AUTHOR_REGION + ".books"), findings.toString());
    assertTrue(hasPlain(findings, "default-query-results-region"), findings.toString());
    assertTrue(
        plainFinding(findings, "default-update-timestamps-region")
            .snippet()
            .contains("{ maximum-size = 10000, store-by-value = false, statistics = true }"),
        "no lifetime for the timestamps: " + findings);
    assertTrue(findings.stream().noneMatch(f -> f.cache().equals(BOOK_REGION)), findings.toString());

    // Appended to the file, the snippets declare every region: Hibernate creates none.
    StringBuilder fixed = new StringBuilder(BOOK_ONLY);
    findings.stream()
        .filter(f -> f.kind() == Kind.PLAIN_CONFIGURATION)
        .forEach(f -> fixed.append(f.snippet()).append('\n'));
    Files.writeString(file, fixed);

    assertEquals(List.of(), reportOf(file).findings());
  }

  private static ConfigurationReport reportOf(Path file) {
    SessionFactory sessionFactory =
        Database.open(file.toUri().toString(), null, new SqlCounter());
    try {
      return Database.cacheManagerOf(sessionFactory).unwrap(DualCacheManager.class).report();
    } finally {
      sessionFactory.close();
    }
  }

  private static boolean hasPlain(List<Finding> findings, String region) {
    return findings.stream()
        .anyMatch(f -> f.cache().equals(region) && f.kind() == Kind.PLAIN_CONFIGURATION);
  }

  private static Finding plainFinding(List<Finding> findings, String region) {
    return findings.stream()
        .filter(f -> f.cache().equals(region) && f.kind() == Kind.PLAIN_CONFIGURATION)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + region + ": " + findings));
  }
}
