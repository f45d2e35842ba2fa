package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dualcache.engine.DualCache;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An expired entry is reported when a read finds it and when maintenance drops it. */
class ExpiredEventsTest {

  private CacheManager manager;
  private final List<String> expired = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    manager = TestManagers.fresh("expired");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void anExpiredEntryIsReportedWithItsValueByTheReadThatFindsItAndByCleanUp() throws Exception {
    Cache<String, String> cache = manager.createCache("short-lived", shortLived());
    cache.put("read", "r");
    cache.put("swept", "s");

    // The daemon sweeps on its first round (right after the puts, long before the deadline) and
    // then once a second: at 400 ms only a read or cleanUp finds the entries expired.
    TimeUnit.MILLISECONDS.sleep(400);

    assertFalse(cache.containsKey("read"), "containsKey is a pure read: no event");
    assertEquals(List.of(), expired);
    assertNull(cache.get("read"));
    assertEquals(List.of("read=r"), expired, "delivered before get returned");

    cache.unwrap(DualCache.class).cleanUp();
    assertEquals(List.of("read=r", "swept=s"), expired);
  }

  private MutableConfiguration<String, String> shortLived() {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.setExpiryPolicyFactory(
        CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 200)));
    CacheEntryExpiredListener<String, String> listener = events -> events.forEach(this::record);
    Factory<CacheEntryExpiredListener<String, String>> factory = () -> listener;
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory, null, true, true));
    return configuration;
  }

  private void record(CacheEntryEvent<? extends String, ? extends String> event) {
    expired.add(event.getKey() + "=" + event.getOldValue());
  }
}
