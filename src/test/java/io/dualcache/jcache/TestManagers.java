package io.dualcache.jcache;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;

/** Cache managers of their own for tests, so tests never share caches or MBean names. */
final class TestManagers {

  private static final AtomicInteger IDS = new AtomicInteger();

  private TestManagers() {}

  /** A new manager with a URI no other test uses. */
  static CacheManager fresh(String purpose) {
    URI uri = URI.create("test-" + purpose + "-" + IDS.incrementAndGet());
    return Caching.getCachingProvider().getCacheManager(uri, TestManagers.class.getClassLoader());
  }
}
