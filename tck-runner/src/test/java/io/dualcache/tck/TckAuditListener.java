package io.dualcache.tck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Records, inside the TCK fork, what JUnit alone would hide.
 *
 * <p>Every way the TCK skips a test goes through its {@code AbstractTestExcluder} rule: the test
 * body is replaced by a statement that only logs {@code ===== EXCLUDING TEST 'class'\t'method'.}
 * through java.util.logging, and JUnit then reports the test as passed. That covers the
 * ExcludeList, the unwrap tests without their system property, StoreByReferenceTest and
 * TypesTest without STORE_BY_REFERENCE, and the annotation tests without a BeanProvider. A JUL
 * handler on the root logger turns each such line into an {@code excluded} record against the
 * test being run. Its own proof of life is CachingTest#dummyTest, which must show up excluded.
 *
 * <p>Also recorded: the fork's relevant system properties, whether the unwrap classes load, the
 * ExcludeList resources and CachingProvider service entries on the classpath, every test's start,
 * end and failure, and after each annotation test how many entries the provider's caches hold.
 * Registered with Surefire's junit4 provider through its {@code listener} property.
 */
public final class TckAuditListener extends RunListener {
  private static final Pattern EXCLUDING =
      Pattern.compile("===== EXCLUDING TEST '([^']*)'\\s*'([^']*)'");
  private static final String[] RECORDED_PROPERTIES = {
    "javax.cache.CacheManager",
    "javax.cache.Cache",
    "javax.cache.Cache.Entry",
    "javax.cache.spi.CachingProvider",
    "org.jsr107.tck.management.statistics.timeout.seconds",
    "ExcludeList",
    "org.jsr107.tck.support.server.address",
    "java.net.preferIPv4Stack",
    "javax.management.builder.initial",
  };

  private final Handler handler = new ExclusionHandler();
  private volatile String currentTest = "<none>";

  public TckAuditListener() {
    TckAudit.record("fork.start", ManagementFactory.getRuntimeMXBean().getStartTime());
    attachHandler();
    recordEnvironment();
  }

  @Override
  public void testStarted(Description description) {
    attachHandler();
    currentTest = id(description);
    TckAudit.record("started", currentTest, System.currentTimeMillis());
  }

  @Override
  public void testFinished(Description description) {
    String test = id(description);
    if ("annotation".equals(TckAudit.suite())) {
      recordAnnotationCaches(test);
    }
    TckAudit.record("finished", test, System.currentTimeMillis());
    currentTest = "<none>";
  }

  @Override
  public void testFailure(Failure failure) {
    TckAudit.record("failed", id(failure.getDescription()), firstLine(failure.getException()));
  }

  @Override
  public void testAssumptionFailure(Failure failure) {
    TckAudit.record("assumption", id(failure.getDescription()), firstLine(failure.getException()));
  }

  @Override
  public void testIgnored(Description description) {
    TckAudit.record("ignored", id(description));
  }

  private static String id(Description description) {
    return description.getClassName() + "#" + description.getMethodName();
  }

  private static String firstLine(Throwable t) {
    String text = t == null ? "null" : t.toString();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /**
   * (Re)attaches the handler and checks the TCK's INFO lines can still reach it; a test that
   * reset java.util.logging would otherwise blind the audit, so that is recorded as a loss.
   */
  private void attachHandler() {
    Logger root = Logger.getLogger("");
    boolean attached = false;
    for (Handler h : root.getHandlers()) {
      attached |= h == handler;
    }
    if (!attached) {
      if (!"<none>".equals(currentTest)) {
        TckAudit.record("audit.lost", "JUL handler was removed before " + currentTest);
      }
      handler.setLevel(Level.ALL);
      root.addHandler(handler);
    }
    if (!Logger.getLogger("org.jsr107.tck.testutil").isLoggable(Level.INFO)) {
      TckAudit.record("audit.lost", "org.jsr107.tck loggers no longer log INFO");
    }
  }

  private static void recordEnvironment() {
    for (String name : RECORDED_PROPERTIES) {
      String value = System.getProperty(name);
      TckAudit.record("sysprop", name, value == null ? "<unset>" : value);
    }
    recordUnwrapClass("javax.cache.CacheManager", CacheManager.class);
    recordUnwrapClass("javax.cache.Cache", Cache.class);
    recordUnwrapClass("javax.cache.Cache.Entry", Cache.Entry.class);

    // What the TCK's ExcludeList enum will read: the first resource of that name, via the TCCL.
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String excludeList = System.getProperty("ExcludeList", "ExcludeList");
    List<URL> lists = resources(loader, excludeList);
    for (URL url : lists) {
      TckAudit.record("excludelist.resource", url);
    }
    if (!lists.isEmpty()) {
      for (String line : lines(lists.get(0))) {
        TckAudit.record("excludelist.entry", line);
      }
    }
    for (URL url : resources(loader, "META-INF/services/" + CachingProvider.class.getName())) {
      TckAudit.record("provider.service", url, String.join(",", lines(url)));
    }
  }

  private static void recordUnwrapClass(String property, Class<?> api) {
    String name = System.getProperty(property);
    String verdict;
    try {
      Class<?> type = Class.forName(name == null ? "" : name.trim());
      verdict = api.isAssignableFrom(type) ? "OK" : "does not implement " + api.getName();
    } catch (ClassNotFoundException | LinkageError e) {
      verdict = "cannot load: " + e;
    }
    TckAudit.record("unwrap", property, name == null ? "<unset>" : name, verdict);
  }

  private static List<URL> resources(ClassLoader loader, String name) {
    try {
      return Collections.list(loader.getResources(name));
    } catch (IOException e) {
      TckAudit.record("audit.lost", "cannot list resources " + name + ": " + e);
      return List.of();
    }
  }

  /** The entries of a list file the way the TCK reads them: trimmed, no blanks, no # comments. */
  private static List<String> lines(URL url) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
      return in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      TckAudit.record("audit.lost", "cannot read " + url + ": " + e);
      return List.of();
    }
  }

  /**
   * After an annotation test: which provider backs the default CacheManager the RI interceptors
   * use, and how many entries its caches hold. test_AT_CacheResult leaves its entry behind, so a
   * zero there means the interceptors never reached the cache.
   */
  private static void recordAnnotationCaches(String test) {
    try {
      CachingProvider provider = Caching.getCachingProvider();
      CacheManager manager =
          provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader());
      long entries = 0;
      for (String name : manager.getCacheNames()) {
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache != null) {
          for (Cache.Entry<Object, Object> ignored : cache) {
            entries++;
          }
        }
      }
      TckAudit.record(
          "annotation.caches",
          test,
          provider.getClass().getName(),
          entries,
          String.join(",", manager.getCacheNames()));
    } catch (RuntimeException e) {
      TckAudit.record("annotation.caches", test, "<error>", -1, firstLine(e));
    }
  }

  private final class ExclusionHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      String message = record.getMessage();
      if (message == null) {
        return;
      }
      if (message.startsWith("===== EXCLUDING TEST")) {
        Matcher m = EXCLUDING.matcher(message);
        String declared = m.find() ? m.group(1) + "#" + m.group(2) : message;
        TckAudit.record("excluded", currentTest, declared, record.getLoggerName());
      } else if (message.startsWith("===== ExcludeList")) {
        // "url=..." when the TCK loaded the file, "bad entry: ..." for a line it ignored.
        TckAudit.record("tck.excludelist", message);
      } else if (message.startsWith("Failed to load unwrap class")) {
        TckAudit.record("tck.unwrap.failed", message);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
