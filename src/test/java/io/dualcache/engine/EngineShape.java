package io.dualcache.engine;

import java.time.Duration;

/**
 * The shapes the engine's code forks on: each builds a cache whose reads, writes and maintenance
 * take a different path. Tests that run over every shape cover each path.
 */
enum EngineShape {
  UNBOUNDED(-1),
  SIZE_BOUNDED(256),
  WEIGHT_BOUNDED(512),
  HOT_TIERS(256),
  EXPIRING_ON_READ(256),
  EXECUTOR_DRIVEN(256);

  /** The bound in entries or weight, or -1. */
  final long bound;

  EngineShape(long bound) {
    this.bound = bound;
  }

  /** Weight of an entry in the weight-bounded shape: its value's hash modulo 4 (zero included). */
  static int weightOf(Object value) {
    return Math.floorMod(value.hashCode(), 4);
  }

  boolean weighted() {
    return this == WEIGHT_BOUNDED;
  }

  /** A builder of this shape; {@code ticker} drives expiry where the shape has any. */
  <K, V> DualCacheBuilder<K, V> builder(Ticker ticker) {
    DualCacheBuilder<K, V> b = DualCache.<K, V>builder().name(name());
    switch (this) {
      case UNBOUNDED -> {}
      case SIZE_BOUNDED -> b.maximumSize(bound);
      case WEIGHT_BOUNDED -> b.maximumWeight(bound, (k, v) -> weightOf(v));
      case HOT_TIERS -> b.maximumSize(bound).hotTiers(16, 64);
      case EXPIRING_ON_READ ->
          b.maximumSize(bound).ticker(ticker).expireAfterAccess(Duration.ofMillis(50));
      case EXECUTOR_DRIVEN ->
          b.maximumSize(bound).executor(java.util.concurrent.ForkJoinPool.commonPool());
    }
    return b;
  }
}
