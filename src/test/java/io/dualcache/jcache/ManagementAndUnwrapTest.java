package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** MXBean names, unwrapping and the isolation of configurations. */
class ManagementAndUnwrapTest {

  @Test
  void mbeanNamesReplaceCommaColonEqualsAndNewlineWithDots() throws Exception {
    URI uri = URI.create("urn:odd:uri=1,2");
    CacheManager manager =
        Caching.getCachingProvider().getCacheManager(uri, getClass().getClassLoader());
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.setStatisticsEnabled(true);
    configuration.setManagementEnabled(true);
    manager.createCache("a,b:c=d\ne", configuration);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    ObjectName statistics =
        new ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager=urn.odd.uri.1.2,Cache=a.b.c.d.e");
    ObjectName configurationBean =
        new ObjectName(
            "javax.cache:type=CacheConfiguration,CacheManager=urn.odd.uri.1.2,Cache=a.b.c.d.e");
    assertTrue(server.isRegistered(statistics));
    assertEquals(0L, server.getAttribute(statistics, "CacheHits"));
    assertEquals(true, server.getAttribute(configurationBean, "StatisticsEnabled"));

    manager.close();
    assertFalse(server.isRegistered(statistics));
    assertFalse(server.isRegistered(configurationBean));
  }

  @Test
  void aCacheUnwrapsToItselfAndToTheEngine() {
    CacheManager manager = TestManagers.fresh("unwrap");
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<>());

    assertSame(cache, cache.unwrap(DualJCache.class));
    assertInstanceOf(DualCache.class, cache.unwrap(DualCache.class));
    assertSame(manager, manager.unwrap(DualCacheManager.class));
    assertThrows(IllegalArgumentException.class, () -> cache.unwrap(String.class));
    cache.put("k", "v");
    Cache.Entry<String, String> entry = cache.iterator().next();
    assertInstanceOf(DualCacheEntry.class, entry.unwrap(DualCacheEntry.class));
    manager.close();
  }

  @Test
  void changingAConfigurationAfterwardsNeverChangesTheCache() {
    CacheManager manager = TestManagers.fresh("isolation");
    MutableConfiguration<String, String> given = new MutableConfiguration<>();
    Cache<String, String> cache = manager.createCache("c", given);

    given.setStoreByValue(false);
    @SuppressWarnings("unchecked") // the class literal of a generic type is raw
    MutableConfiguration<String, String> returned =
        cache.getConfiguration(MutableConfiguration.class);
    returned.setStatisticsEnabled(true);

    @SuppressWarnings("unchecked")
    CompleteConfiguration<String, String> now = cache.getConfiguration(CompleteConfiguration.class);
    assertTrue(now.isStoreByValue());
    assertFalse(now.isStatisticsEnabled());
    manager.close();
  }
}
