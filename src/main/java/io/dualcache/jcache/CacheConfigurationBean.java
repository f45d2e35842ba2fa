package io.dualcache.jcache;

import java.util.function.Supplier;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * The {@link CacheMXBean} of one cache: its configuration as JMX attributes, read from the cache's
 * current configuration on every call (so enabling statistics shows at once).
 *
 * @param configuration a copy of the cache's current configuration
 */
record CacheConfigurationBean(Supplier<? extends CompleteConfiguration<?, ?>> configuration)
    implements CacheMXBean {

  @Override
  public String getKeyType() {
    return configuration.get().getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return configuration.get().getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return configuration.get().isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return configuration.get().isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return configuration.get().isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return configuration.get().isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return configuration.get().isManagementEnabled();
  }
}
