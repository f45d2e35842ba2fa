package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
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

  @Test
  void destroyingACacheThatAnotherThreadClosesMeanwhileDoesNotFail() throws Exception {
    CacheManager manager = TestManagers.fresh("destroy-race");
    try {
      int failures = 0;
      for (int i = 0; i < 2_000 && failures == 0; i++) {
        Cache<Integer, Integer> cache =
            manager.createCache("racing", new MutableConfiguration<Integer, Integer>());
        cache.put(i, i);
        CyclicBarrier start = new CyclicBarrier(2);
        Thread closer =
            new Thread(
                () -> {
                  await(start);
                  cache.close();
                });
        closer.start();
        await(start);
        try {
          manager.destroyCache("racing");
        } catch (IllegalStateException e) {
          failures++;
        }
        closer.join();
        assertTrue(cache.isClosed());
      }
      assertEquals(0, failures, "destroyCache threw because a close came between its steps");
    } finally {
      manager.close();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException | BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
  }
}
