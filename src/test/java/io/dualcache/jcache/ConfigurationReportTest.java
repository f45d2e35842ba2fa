package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.ConfigurationReport.CacheSummary;
import io.dualcache.jcache.ConfigurationReport.Finding;
import io.dualcache.jcache.ConfigurationReport.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration report: each finding appears with the snippet that fixes it, and goes away when
 * that snippet is appended to the file (HOCON merges a second {@code dualcache} block into the
 * first).
 */
class ConfigurationReportTest {

  /** A cache with nothing to report. */
  private static final String CLEAN =
      "maximum-size = 100, expire-after-write = 1m, store-by-value = false, statistics = true";

  @TempDir Path directory;

  @Test
  void anUnboundedCacheIsAFindingUntilTheSnippetBoundsIt() {
    String file = file("a", "expire-after-write = 1m, store-by-value = false, statistics = true");

    Finding finding = only(file, "a");

    assertEquals(Kind.UNBOUNDED, finding.kind());
    assertTrue(finding.message().contains("\"a\" is unbounded"), finding.message());
    assertEquals("dualcache { caches { \"a\" { maximum-size = 10000 } } }", finding.snippet());
    assertEquals(List.of(), findings(file + finding.snippet(), "a"));
  }

  @Test
  void statisticsOffIsAFindingUntilTheSnippetTurnsThemOn() {
    String file = file("a", "maximum-size = 100, expire-after-write = 1m, store-by-value = false");

    Finding finding = only(file, "a");

    assertEquals(Kind.STATISTICS_OFF, finding.kind());
    assertEquals("dualcache { caches { \"a\" { statistics = true } } }", finding.snippet());
    assertEquals(List.of(), findings(file + finding.snippet(), "a"));
  }

  @Test
  void storeByValueOfValuesNotKnownImmutableIsAFindingUntilStoreByReference() {
    String file = file("a", "maximum-size = 100, expire-after-write = 1m, statistics = true");

    Finding finding = only(file, "a");

    assertEquals(Kind.STORE_BY_VALUE_NOT_IMMUTABLE, finding.kind());
    assertTrue(finding.message().contains("java.lang.Object"), finding.message());
    assertEquals("dualcache { caches { \"a\" { store-by-value = false } } }", finding.snippet());
    assertEquals(List.of(), findings(file + finding.snippet(), "a"));
  }

  @Test
  void theStoreByValueFindingSaysSerializesOnlyForTheSerializingCopier() {
    String serializing =
        file("a", "maximum-size = 100, expire-after-write = 1m, statistics = true");
    String fory =
        file("a", "maximum-size = 100, expire-after-write = 1m, statistics = true, copier = fory");

    String byDefault = only(serializing, "a").message();
    String byFory = only(fory, "a").message();

    assertTrue(byDefault.endsWith("every read and write copies (serializes) them"), byDefault);
    assertTrue(byFory.endsWith("every read and write copies them"), byFory);
  }

  /** Immutable value types: a string, a record of immutables, a class declared immutable. */
  record Money(long cents, String currency) {}

  @Test
  void storeByValueOfImmutableValuesIsNoFinding() {
    String settings = "maximum-size = 100, expire-after-write = 1m, statistics = true";
    String file =
        "dualcache { caches {\n"
            + "  strings { value-type = java.lang.String, "
            + settings
            + " }\n"
            + "  money { value-type = \""
            + Money.class.getName()
            + "\", "
            + settings
            + " }\n"
            + "  declared { value-type = java.util.ArrayList, immutable-types = [ java.util.ArrayList"
            + " ], "
            + settings
            + " }\n"
            + "  mutable { value-type = java.util.ArrayList, "
            + settings
            + " }\n"
            + "} }\n";

    assertEquals(List.of(), findings(file, "strings"));
    assertEquals(List.of(), findings(file, "money"));
    assertEquals(List.of(), findings(file, "declared"));
    assertEquals(
        List.of(Kind.STORE_BY_VALUE_NOT_IMMUTABLE),
        findings(file, "mutable").stream().map(Finding::kind).toList());
  }

  @Test
  void accessExpiryIsAFindingUntilTheSnippetReplacesItWithWriteExpiry() {
    String file =
        file(
            "a",
            "maximum-size = 100, expire-after-access = 30m, store-by-value = false,"
                + " statistics = true");

    Finding finding = only(file, "a");

    assertEquals(Kind.ACCESS_EXPIRY, finding.kind());
    assertTrue(finding.message().contains(TouchedExpiryPolicy.class.getName()), finding.message());
    assertEquals(
        "dualcache { caches { \"a\" { expire-after-access = null, expire-after-write = 30m } } }",
        finding.snippet());
    try (CacheManager manager = managerOf(file + finding.snippet())) {
      ConfigurationReport report = report(manager);
      assertEquals(List.of(), report.findings());
      assertEquals("expire-after-write = 30m", report.caches().get(0).expiry());
    }
  }

  /** A policy of its own that sets a deadline on each hit. */
  static final class RenewOnRead implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      return Duration.ONE_MINUTE;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }

    @Override
    public Duration getExpiryForAccess() {
      return Duration.FIVE_MINUTES;
    }
  }

  @Test
  void aPolicyOfItsOwnThatRenewsOnAccessIsAFindingButWriteExpiryIsNot() {
    try (CacheManager manager = TestManagers.fresh("report-policy")) {
      Factory<ExpiryPolicy> renew = RenewOnRead::new;
      manager.createCache("renew", clean().setExpiryPolicyFactory(renew));
      manager.createCache(
          "modified",
          clean()
              .setExpiryPolicyFactory(
                  ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 2))));

      ConfigurationReport report = report(manager);

      assertEquals(1, report.findings().size(), report.toString());
      Finding finding = report.findings().get(0);
      assertEquals("renew", finding.cache());
      assertEquals(Kind.ACCESS_EXPIRY, finding.kind());
      assertTrue(finding.message().contains(RenewOnRead.class.getName()), finding.message());
      assertEquals(
          "dualcache { caches { \"renew\" { expiry-policy-factory = null,"
              + " expire-after-write = 5m } } }",
          finding.snippet());
      assertEquals("expire-after-write = 2m", summary(report, "modified").expiry());
    }
  }

  /**
   * As Hibernate and Spring do: {@code getCache(name)}, and when that is null, {@code
   * createCache(name, new MutableConfiguration<>())}.
   */
  private static Cache<Object, Object> asAFrameworkDoes(CacheManager manager, String name) {
    Cache<Object, Object> cache = manager.getCache(name);
    return cache != null ? cache : manager.createCache(name, new MutableConfiguration<>());
  }

  @Test
  void aCacheAFrameworkCreatesFromAPlainConfigurationIsAFindingUntilTheFileDeclaresIt() {
    String file = "dualcache { default { maximum-size = 500 } }\n";
    Finding plain;
    try (CacheManager manager = managerOf(file)) {
      asAFrameworkDoes(manager, "com.example.Book");

      List<Finding> findings = report(manager).findings();

      assertEquals(
          List.of(Kind.PLAIN_CONFIGURATION, Kind.STORE_BY_VALUE_NOT_IMMUTABLE, Kind.STATISTICS_OFF),
          findings.stream().map(Finding::kind).toList(),
          "the template's bound was added: not unbounded");
      plain = findings.get(0);
      assertTrue(plain.message().contains("created by a framework"), plain.message());
      assertEquals(
          "dualcache { caches { \"com.example.Book\" { maximum-size = 500,"
              + " expire-after-write = 10m, store-by-value = false, statistics = true } } }",
          plain.snippet());
    }
    try (CacheManager manager = managerOf(file + plain.snippet())) {
      asAFrameworkDoes(manager, "com.example.Book");

      assertEquals(List.of(), report(manager).findings());
    }
  }

  @Test
  void aPlainConfigurationWithoutAFileIsUnboundedAndFromAFramework() {
    try (CacheManager manager = TestManagers.fresh("report-plain")) {
      manager.createCache("plain", new MutableConfiguration<>());
      manager.createCache("coded", clean());

      ConfigurationReport report = report(manager);

      assertEquals(
          List.of(
              Kind.UNBOUNDED,
              Kind.PLAIN_CONFIGURATION,
              Kind.STORE_BY_VALUE_NOT_IMMUTABLE,
              Kind.STATISTICS_OFF),
          report.findings().stream().map(Finding::kind).toList(),
          report.toString());
      assertTrue(report.findings().stream().allMatch(f -> f.cache().equals("plain")));
      assertTrue(
          report.findings().get(1).snippet().contains("maximum-size = 10000"),
          report.findings().get(1).snippet());
    }
  }

  @Test
  void theSummaryHasTheEffectiveSettingsOfEachCache() {
    String loader = ConfigFixtures.PrefixLoader.class.getName();
    String file =
        "dualcache { caches { a { maximum-size = 7, expire-after-creation = 90s,"
            + " store-by-value = false, management = true, read-through = true, loader = \""
            + loader
            + "\" } } }";
    try (CacheManager manager = managerOf(file)) {
      CacheSummary a = summary(report(manager), "a");

      assertEquals("maximum-size = 7", a.bound());
      assertEquals("expire-after-creation = 90s", a.expiry());
      assertFalse(a.storeByValue());
      assertFalse(a.statistics());
      assertTrue(a.management());
      assertTrue(a.readThrough());
      assertTrue(a.loader().contains(loader), a.loader());
      assertEquals(null, a.writer());
      assertFalse(a.writeThrough());
      assertFalse(a.shared());
      String text = report(manager).toString();
      assertTrue(text.contains("cache \"a\": java.lang.Object -> java.lang.Object"), text);
      assertTrue(text.contains("1 finding:"), text);
      assertTrue(text.contains("; fix: dualcache { caches { \"a\" { statistics = true"), text);
    }
  }

  @Test
  void aCacheCreatedInCodeWithADualCacheConfigurationIsNotFromAFramework() {
    try (CacheManager manager = TestManagers.fresh("report-coded")) {
      manager.createCache("coded", clean());

      assertEquals(List.of(), report(manager).findings());
      assertEquals("maximum-size = 100", summary(report(manager), "coded").bound());
    }
  }

  @Test
  void theSnippetQuotesNamesWithDotsAndBackslashes() {
    try (CacheManager manager = TestManagers.fresh("report-quote")) {
      manager.createCache("a.b\\c", clean().setStatisticsEnabled(false));

      assertEquals(
          "dualcache { caches { \"a.b\\\\c\" { statistics = true } } }",
          report(manager).findings().get(0).snippet());
    }
  }

  @Test
  void theReportIsImmutable() {
    try (CacheManager manager = TestManagers.fresh("report-immutable")) {
      manager.createCache("plain", new MutableConfiguration<>());
      ConfigurationReport report = report(manager);

      assertThrows(UnsupportedOperationException.class, () -> report.findings().clear());
      assertThrows(UnsupportedOperationException.class, () -> report.caches().clear());
    }
  }

  @Test
  void aReportValueThatIsNeitherOnNorOffFails() {
    CacheException failure =
        assertThrows(CacheException.class, () -> managerOf("dualcache { report = loud }"));
    assertTrue(failure.getMessage().contains("on or off"), failure.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private static DualCacheConfiguration<Object, Object> clean() {
    DualCacheConfiguration<Object, Object> configuration = new DualCacheConfiguration<>();
    configuration.setMaximumSize(100);
    configuration.setStoreByValue(false);
    configuration.setStatisticsEnabled(true);
    return configuration;
  }

  /** A file declaring {@code name} with {@code settings}, ending in a newline. */
  static String file(String name, String settings) {
    return "dualcache { caches { " + name + " { " + settings + " } } }\n";
  }

  private CacheManager managerOf(String hocon) {
    URI uri = ConfigFixtures.write(directory, hocon);
    return Caching.getCachingProvider()
        .getCacheManager(uri, ConfigurationReportTest.class.getClassLoader());
  }

  static ConfigurationReport report(CacheManager manager) {
    return manager.unwrap(DualCacheManager.class).report();
  }

  private List<Finding> findings(String hocon, String cache) {
    try (CacheManager manager = managerOf(hocon)) {
      return report(manager).findings().stream().filter(f -> f.cache().equals(cache)).toList();
    }
  }

  private Finding only(String hocon, String cache) {
    List<Finding> findings = findings(hocon, cache);
    assertEquals(1, findings.size(), findings.toString());
    return findings.get(0);
  }

  private static CacheSummary summary(ConfigurationReport report, String cache) {
    return report.caches().stream().filter(c -> c.name().equals(cache)).findFirst().orElseThrow();
  }
}
