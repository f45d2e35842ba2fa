package io.dualcache.it.modulepath;

import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.DualCachingProvider;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Runs on the module path only (no class path at all), so {@code Caching.getCachingProvider()} can
 * find DualCache through nothing but the {@code provides} clause of module {@code io.dualcache}: a
 * named module ignores {@code META-INF/services}. Exits with a failure unless every check holds.
 *
 * <p>Argument {@code without-config}: Typesafe Config is not on the module path, and a manager
 * whose URI names a file fails naming the missing library. Argument {@code with-config}: Typesafe
 * Config is resolved ({@code --add-modules typesafe.config}) and a file bounds a cache.
 */
public final class ModulePathCheck {

  private ModulePathCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !Set.of("without-config", "with-config").contains(args[0])) {
      throw new IllegalArgumentException("usage: ModulePathCheck without-config|with-config");
    }
    check(ModulePathCheck.class.getModule().isNamed(), "this check runs as a named module");

    CachingProvider provider = Caching.getCachingProvider();
    check(provider instanceof DualCachingProvider, "the provider is DualCache's: " + provider);
    Module module = provider.getClass().getModule();
    check(
        "io.dualcache".equals(module.getName()),
        "the provider comes from module io.dualcache, not the class path: " + module);
    for (String internal :
        Set.of(
            "io.dualcache.jcache.config",
            "io.dualcache.jcache.event",
            "io.dualcache.jcache.usercode")) {
      check(!module.isExported(internal), internal + " is not exported");
    }
    check(module.isExported("io.dualcache.jcache"), "io.dualcache.jcache is exported");
    check(module.isExported("io.dualcache.engine"), "io.dualcache.engine is exported");

    CacheManager manager = provider.getCacheManager();
    Cache<String, String> cache =
        manager.createCache(
            "module-path",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true)
                .setManagementEnabled(true));
    cache.put("key", "value");
    check("value".equals(cache.get("key")), "a put is read back");
    // The MXBeans are package-private classes of io.dualcache: the MBean server reads them
    // through their JSR-107 interfaces.
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String names = ",CacheManager=" + manager.getURI().toString().replaceAll("[,:=\n]", ".");
    Object hits =
        server.getAttribute(
            new ObjectName("javax.cache:type=CacheStatistics" + names + ",Cache=module-path"),
            "CacheHits");
    check(Long.valueOf(1).equals(hits), "the statistics MXBean counts the hit: " + hits);
    Object keyType =
        server.getAttribute(
            new ObjectName("javax.cache:type=CacheConfiguration" + names + ",Cache=module-path"),
            "KeyType");
    check("java.lang.String".equals(keyType), "the configuration MXBean reads: " + keyType);

    Path file = Files.createTempFile("modulepath", ".conf");
    Files.writeString(file, "dualcache.caches.bounded { maximum-size = 7 }");
    try {
      if (args[0].equals("without-config")) {
        checkFileNeedsTheLibrary(provider, file.toUri());
      } else {
        checkFileIsRead(provider, file.toUri());
      }
    } finally {
      Files.delete(file);
    }
    provider.close();
    System.out.println("module path (" + args[0] + "): DualCachingProvider found in " + module);
  }

  private static void checkFileNeedsTheLibrary(CachingProvider provider, URI file) {
    try {
      provider.getCacheManager(file, provider.getDefaultClassLoader());
      throw new AssertionError("a configuration file was read without Typesafe Config");
    } catch (CacheException expected) {
      check(
          expected.getMessage().contains("needs Typesafe Config"),
          "the failure names the missing library: " + expected.getMessage());
    }
  }

  @SuppressWarnings("unchecked") // getConfiguration takes the raw class of a generic type
  private static void checkFileIsRead(CachingProvider provider, URI file) {
    CacheManager manager = provider.getCacheManager(file, provider.getDefaultClassLoader());
    Cache<Object, Object> bounded = manager.getCache("bounded");
    check(bounded != null, "the file declares cache \"bounded\"");
    long bound =
        bounded.getConfiguration(DualCacheConfiguration.class).getMaximumSize().getAsLong();
    check(bound == 7, "the file bounds the cache to 7 entries, not " + bound);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
