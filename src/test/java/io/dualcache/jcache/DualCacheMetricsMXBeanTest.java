package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's MXBean, {@code io.dualcache:type=DualCacheMetrics}, read through the platform MBean
 * server: what it shows after real evictions and expiries, and when it is registered.
 */
class DualCacheMetricsMXBeanTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final CacheManager manager = TestManagers.fresh("engine-metrics");

  @AfterEach
  void close() {
    manager.close();
  }

  private ObjectName nameOf(String cache) throws Exception {
    return new ObjectName(
        "io.dualcache:type=DualCacheMetrics,CacheManager=" + manager.getURI() + ",Cache=" + cache);
  }

  private Object attribute(String cache, String attribute) throws Exception {
    return server.getAttribute(nameOf(cache), attribute);
  }

  @Test
  void aBoundedCacheShowsItsSizeItsBoundAndItsEvictionsBySize() throws Exception {
    Cache<Integer, String> cache =
        manager.createCache(
            "bounded",
            new DualCacheConfiguration<Integer, String>()
                .setMaximumSize(10)
                .setStatisticsEnabled(true));
    for (int i = 0; i < 50; i++) {
      cache.put(i, "v" + i);
    }
    cache.unwrap(DualCache.class).cleanUp(); // the evictions now, not on the daemon's next round

    assertEquals(10L, attribute("bounded", "Size"));
    assertEquals(10L, attribute("bounded", "WeightedSize"));
    assertEquals(10L, attribute("bounded", "MaximumSize"));
    assertEquals(-1L, attribute("bounded", "MaximumWeight"));
    assertEquals(40L, attribute("bounded", "EvictionsBySize"));
    assertEquals(0L, attribute("bounded", "EvictionsByExpiry"));
    assertEquals(1.0, attribute("bounded", "HitSamplingRate"));
    double share = (Double) attribute("bounded", "WindowShare");
    assertTrue(share >= 0 && share <= 1, "window share " + share);
    assertEquals(false, attribute("bounded", "NearCache"));
    assertEquals(
        40L,
        server.getAttribute(
            new ObjectName(
                "javax.cache:type=CacheStatistics,CacheManager="
                    + manager.getURI()
                    + ",Cache=bounded"),
            "CacheEvictions"),
        "the JSR-107 count agrees");
  }

  @Test
  void expiredEntriesCountAsEvictionsByExpiry() throws Exception {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>()
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 20)))
            .setStatisticsEnabled(true);
    Cache<String, String> cache = manager.createCache("expiring", configuration);
    for (int i = 0; i < 5; i++) {
      cache.put("k" + i, "v");
    }
    assertEquals(5L, attribute("expiring", "Size"));
    assertEquals(-1L, attribute("expiring", "MaximumSize"), "unbounded");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cache.containsKey("k0")) { // a pure read: removes nothing
      assertTrue(System.nanoTime() < deadline, "k0 did not expire within 10 s");
      TimeUnit.MILLISECONDS.sleep(5);
    }

    assertNull(cache.get("k0")); // the read removes it (unless the daemon's sweep did)
    cache.unwrap(DualCache.class).cleanUp(); // sweeps the others

    assertEquals(5L, attribute("expiring", "EvictionsByExpiry"));
    assertEquals(0L, attribute("expiring", "EvictionsBySize"));
    assertEquals(0L, attribute("expiring", "Size"));
  }

  @Test
  void registeredWhileStatisticsAreEnabledAndTheCacheIsOpen() throws Exception {
    manager.createCache("switched", new MutableConfiguration<String, String>());
    assertFalse(server.isRegistered(nameOf("switched")), "statistics off: not registered");

    manager.enableStatistics("switched", true);
    assertTrue(server.isRegistered(nameOf("switched")));
    manager.enableStatistics("switched", false);
    assertFalse(server.isRegistered(nameOf("switched")));

    manager.enableStatistics("switched", true);
    manager.getCache("switched").close();
    assertFalse(server.isRegistered(nameOf("switched")), "closed: unregistered");

    manager.createCache(
        "destroyed", new MutableConfiguration<String, String>().setStatisticsEnabled(true));
    assertTrue(server.isRegistered(nameOf("destroyed")));
    manager.destroyCache("destroyed");
    assertFalse(server.isRegistered(nameOf("destroyed")), "destroyed: unregistered");
  }
}
