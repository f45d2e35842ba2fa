package io.dualcache.it.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * A slow catalogue behind Spring's cache annotations: "titles" is declared in the configuration
 * file, "prices" is not and is pre-configured from the file's template.
 */
@Service
public class CatalogService {

  private final AtomicInteger titleLookups = new AtomicInteger();
  private final AtomicInteger priceLookups = new AtomicInteger();

  @Cacheable("titles")
  public String title(long id) {
    titleLookups.incrementAndGet();
    return "Title " + id;
  }

  @CacheEvict("titles")
  public void retitle(long id) {}

  @Cacheable("prices")
  public Long priceInCents(long id) {
    priceLookups.incrementAndGet();
    return id * 100;
  }

  /** How often {@link #title} really ran. */
  public int titleLookups() {
    return titleLookups.get();
  }

  /** How often {@link #priceInCents} really ran. */
  public int priceLookups() {
    return priceLookups.get();
  }
}
