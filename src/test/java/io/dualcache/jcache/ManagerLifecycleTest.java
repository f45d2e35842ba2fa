package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Closing managers and caches releases every engine thread and every MXBean. */
class ManagerLifecycleTest {

  @Test
  void aThousandManagerCyclesLeaveNoEngineThreadAndNoMBean() throws Exception {
    boolean tickerWasRunning = !threadsNamed("dualcache-ticker").isEmpty();

    for (int i = 0; i < 1_000; i++) {
      CacheManager manager = TestManagers.fresh("cycle");
      MutableConfiguration<Integer, String> configuration = new MutableConfiguration<>();
      configuration.setManagementEnabled(true);
      configuration.setStatisticsEnabled(true);
      configuration.setExpiryPolicyFactory(
          CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 1)));
      Cache<Integer, String> cache = manager.createCache("cycle-cache", configuration);
      cache.put(i, "value");
      manager.createCache("eternal-cache", new MutableConfiguration<>());
      manager.close();
    }

    assertEquals(List.of(), threadsNamed("jcache-"), "engine daemons still alive");
    if (!tickerWasRunning) {
      assertEquals(List.of(), threadsNamed("dualcache-ticker"), "ticking thread still alive");
    }
    assertEquals(0, registeredCacheBeans("test-cycle-*"));
  }

  @Test
  void closingACacheUnregistersItsMBeansAndFailsLaterCalls() throws Exception {
    CacheManager manager = TestManagers.fresh("close");
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.setManagementEnabled(true);
    configuration.setStatisticsEnabled(true);
    Cache<String, String> cache = manager.createCache("closing", configuration);
    String uri = manager.getURI().toString();
    assertEquals(2, registeredCacheBeans(uri));

    cache.close();

    assertEquals(0, registeredCacheBeans(uri));
    assertTrue(cache.isClosed());
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> cache.get("k"));
    assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
    assertThrows(IllegalStateException.class, () -> cache.get(null));
    assertThrows(IllegalStateException.class, () -> cache.put("k", "v"));
    assertEquals(null, manager.getCache("closing"));
    manager.close();
  }

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .toList();
  }

  private static int registeredCacheBeans(String managerUriPattern)
      throws MalformedObjectNameException {
    ObjectName pattern = new ObjectName("javax.cache:CacheManager=" + managerUriPattern + ",*");
    return ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null).size();
  }
}
