package io.dualcache.jcache;

import io.dualcache.engine.EngineMetrics;

/** {@link DualCacheMetricsMXBean} over the engine's {@link EngineMetrics}. */
final class CacheMetricsBean implements DualCacheMetricsMXBean {

  private final EngineMetrics metrics;
  private final boolean nearCache;

  CacheMetricsBean(EngineMetrics metrics, boolean nearCache) {
    this.metrics = metrics;
    this.nearCache = nearCache;
  }

  @Override
  public long getSize() {
    return metrics.size();
  }

  @Override
  public long getWeightedSize() {
    return metrics.weightedSize();
  }

  @Override
  public long getMaximumSize() {
    return metrics.isBounded() && !metrics.isWeighted() ? metrics.maximum() : -1;
  }

  @Override
  public long getMaximumWeight() {
    return metrics.isWeighted() ? metrics.maximum() : -1;
  }

  @Override
  public long getEvictionsBySize() {
    return metrics.evictionsBySize();
  }

  @Override
  public long getEvictionsByExpiry() {
    return metrics.evictionsByExpiry();
  }

  @Override
  public double getHitSamplingRate() {
    return metrics.hitSamplingRate();
  }

  @Override
  public double getWindowShare() {
    return metrics.windowShare();
  }

  @Override
  public long getRefreshFailures() {
    return metrics.refreshFailures();
  }

  @Override
  public boolean isNearCache() {
    return nearCache;
  }
}
