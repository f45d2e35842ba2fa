package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's two other outlets: the INFO lines a manager with a file logs when it starts (one per
 * finding, none with {@code report = off}), and the manager's MXBean operation.
 */
class ConfigurationReportLogAndMXBeanTest {

  private LogCapture log;

  @TempDir Path directory;

  @BeforeEach
  void listen() throws ReflectiveOperationException {
    log = new LogCapture("io.dualcache.jcache.report");
  }

  @AfterEach
  void stopListening() throws ReflectiveOperationException {
    log.close();
  }

  /** Two caches: "a" unbounded, "b" without statistics. */
  private static final String TWO_FINDINGS =
      "dualcache { caches {\n"
          + "  a { expire-after-write = 1m, store-by-value = false, statistics = true }\n"
          + "  b { maximum-size = 5, expire-after-write = 1m, store-by-value = false }\n"
          + "} }\n";

  @Test
  void aManagerWithAFileLogsOneInfoLinePerFindingWhenItStarts() throws Exception {
    URI uri = ConfigFixtures.write(directory, TWO_FINDINGS);
    try (CacheManager manager = open(uri)) {
      List<String> lines = lines(uri);

      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("\"a\" is unbounded"), lines.get(0));
      assertTrue(lines.get(0).contains("dualcache { caches { \"a\" { maximum-size"), lines.get(0));
      assertTrue(lines.get(1).contains("\"b\" counts no statistics"), lines.get(1));
      assertTrue(lines.stream().allMatch(line -> line.startsWith("INFO")), lines.toString());
      assertTrue(lines.stream().noneMatch(line -> line.contains("\n")), "one line each");

      manager.createCache("later", new MutableConfiguration<>());
      assertEquals(2, lines(uri).size(), "logged once, when the manager starts");
    }
  }

  @Test
  void reportOffLogsNothingButTheReportIsStillThere() throws Exception {
    URI uri = ConfigFixtures.write(directory, TWO_FINDINGS + "dualcache.report = off\n");
    try (CacheManager manager = open(uri)) {
      assertEquals(List.of(), lines(uri));
      assertEquals(2, manager.unwrap(DualCacheManager.class).report().findings().size());
    }
  }

  @Test
  void aManagerWithoutAFileLogsNothing() throws Exception {
    try (CacheManager manager = TestManagers.fresh("report-nolog")) {
      manager.createCache("plain", new MutableConfiguration<>());
      assertEquals(List.of(), lines(manager.getURI()));
    }
  }

  @Test
  void theMXBeanOperationReturnsTheReportAsTextWhileTheManagerIsOpen() throws Exception {
    URI uri = ConfigFixtures.write(directory, TWO_FINDINGS);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName(
            "io.dualcache:type=DualCacheManagerReport,CacheManager="
                + uri.toString().replaceAll("[,:=\n]", "."));
    CacheManager manager = open(uri);
    try {
      manager.createCache("plain", new MutableConfiguration<>());

      String text = (String) server.invoke(name, "report", new Object[0], new String[0]);

      assertEquals(manager.unwrap(DualCacheManager.class).report().toString(), text);
      assertTrue(text.contains("3 caches:"), text);
      assertTrue(text.contains("created by a framework"), text);
      assertTrue(text.contains("dualcache { caches { \"plain\" {"), text);
    } finally {
      manager.close();
    }
    assertFalse(server.isRegistered(name), "unregistered when the manager closes");
  }

  private static CacheManager open(URI uri) {
    return Caching.getCachingProvider()
        .getCacheManager(uri, ConfigurationReportLogAndMXBeanTest.class.getClassLoader());
  }

  /** The report lines logged about the manager of {@code uri}. */
  private List<String> lines(URI uri) throws ReflectiveOperationException {
    return log.linesWith("DualCache configuration report of " + uri + ":");
  }
}
