package io.dualcache.jcache;

import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.Limits;
import io.dualcache.engine.Weigher;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A {@link MutableConfiguration} with what a DualCache adds to JSR-107: a bound on the number of
 * entries or on their total weight, the engine's tuning and the executor for asynchronous work.
 * Pass it to {@link javax.cache.CacheManager#createCache}; a plain {@link MutableConfiguration}
 * gives an unbounded cache with the engine's defaults, unless the manager's configuration file sets
 * a bound or tuning for that name or in its template. A {@code DualCacheConfiguration} is taken as
 * it is: the file is not consulted.
 *
 * <p>Each setter checks its argument against the engine's range ({@link Limits}) and throws {@link
 * IllegalArgumentException} with the message {@link DualCacheBuilder} gives for that setting.
 *
 * <p>The weigher, the executor and the copier are plain objects, not factories, so they are not
 * serialized with the configuration (they are transient): a deserialized copy has the defaults.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public class DualCacheConfiguration<K, V> extends MutableConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  private static final long UNBOUNDED = -1L;

  private long maximumSize = UNBOUNDED;
  private long maximumWeight = UNBOUNDED;
  private transient Weigher<K, V> weigher;
  private long initialCapacity = -1;
  private int hotTierT1Slots;
  private int hotTierT2Slots;
  private Duration tickDuration;
  private int concurrencyLevel;
  private transient Executor executor;
  private transient Copier copier;
  private Boolean shared;
  private Set<Class<?>> immutableTypes = Set.of();
  private Duration refreshAfterWrite;

  /** A configuration with the JSR-107 defaults: unbounded, eternal, store-by-value. */
  public DualCacheConfiguration() {}

  /**
   * A copy of {@code configuration}, including the DualCache settings when it is a {@code
   * DualCacheConfiguration}.
   */
  public DualCacheConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof DualCacheConfiguration<K, V> other) {
      this.maximumSize = other.maximumSize;
      this.maximumWeight = other.maximumWeight;
      this.weigher = other.weigher;
      this.initialCapacity = other.initialCapacity;
      this.hotTierT1Slots = other.hotTierT1Slots;
      this.hotTierT2Slots = other.hotTierT2Slots;
      this.tickDuration = other.tickDuration;
      this.concurrencyLevel = other.concurrencyLevel;
      this.executor = other.executor;
      this.copier = other.copier;
      this.shared = other.shared;
      this.immutableTypes = other.immutableTypes;
      this.refreshAfterWrite = other.refreshAfterWrite;
    }
  }

  /**
   * Bounds the cache to {@code maximumSize} entries (0 or more); replaces a weight bound. The
   * engine evicts in the background, so the cache may exceed the bound briefly; {@code
   * cache.unwrap(DualCache.class).cleanUp()} brings it back within at once.
   */
  public DualCacheConfiguration<K, V> setMaximumSize(long maximumSize) {
    this.maximumSize = Limits.maximumSize(maximumSize);
    this.maximumWeight = UNBOUNDED;
    this.weigher = null;
    return this;
  }

  /**
   * Bounds the total weight of the entries to {@code maximumWeight} (0 or more), each entry
   * weighing what {@code weigher} returns for its stored key and value; replaces a size bound.
   */
  public DualCacheConfiguration<K, V> setMaximumWeight(long maximumWeight, Weigher<K, V> weigher) {
    Limits.maximumWeight(maximumWeight);
    this.weigher = Objects.requireNonNull(weigher, "weigher must not be null");
    this.maximumWeight = maximumWeight;
    this.maximumSize = UNBOUNDED;
    return this;
  }

  /** The bound on the number of entries, if the cache has one. */
  public OptionalLong getMaximumSize() {
    return maximumSize == UNBOUNDED ? OptionalLong.empty() : OptionalLong.of(maximumSize);
  }

  /** The bound on the total weight, if the cache has one (then {@link #getWeigher} is set). */
  public OptionalLong getMaximumWeight() {
    return maximumWeight == UNBOUNDED ? OptionalLong.empty() : OptionalLong.of(maximumWeight);
  }

  /** The weigher of a weight-bounded cache, or null. */
  public Weigher<K, V> getWeigher() {
    return weigher;
  }

  /** Sizes the engine's index for about {@code entries} entries up front (0 or more). */
  public DualCacheConfiguration<K, V> setInitialCapacity(long entries) {
    this.initialCapacity = Limits.initialCapacity(entries);
    return this;
  }

  /** The initial capacity, or -1 for the engine's default. */
  public long getInitialCapacity() {
    return initialCapacity;
  }

  /**
   * Enables the engine's hot tiers (see {@link DualCacheBuilder#hotTiers}): T1 {@value
   * Limits#T1_SLOTS}, T2 {@value Limits#T2_SLOTS}; {@code (0, 0)}, the default, turns them off.
   */
  public DualCacheConfiguration<K, V> setHotTiers(int t1Slots, int t2Slots) {
    Limits.hotTiers(t1Slots, t2Slots);
    this.hotTierT1Slots = t1Slots;
    this.hotTierT2Slots = t2Slots;
    return this;
  }

  /** The slots of hot tier T1 (0 when the tiers are off). */
  public int getHotTierT1Slots() {
    return hotTierT1Slots;
  }

  /** The slots of hot tier T2. */
  public int getHotTierT2Slots() {
    return hotTierT2Slots;
  }

  /**
   * The engine's epoch tick, the granularity of expiry, {@value Limits#TICK_DURATION} (see {@link
   * DualCacheBuilder#tickDuration}); null for the engine's default of 1 ms.
   */
  public DualCacheConfiguration<K, V> setTickDuration(Duration tick) {
    if (tick != null) {
      Limits.tickDuration(tick);
    }
    this.tickDuration = tick;
    return this;
  }

  /**
   * Refresh-ahead for a read-through cache (see {@link DualCacheBuilder#refreshAfterWrite}): a get
   * of an entry written {@code age} ago or more returns its value at once and reloads it from the
   * cache loader on the cache's executor, one reload per key at a time. The reloaded value replaces
   * the entry (an UPDATED event and the expiry policy's update duration; not written through)
   * unless the entry was written or removed meanwhile. A failed reload keeps the old value. Null
   * turns it off. The cache must read through; a cache shared through Redis cannot refresh yet.
   */
  public DualCacheConfiguration<K, V> setRefreshAfterWrite(Duration age) {
    if (age != null) {
      Limits.refreshAfterWrite(age);
    }
    this.refreshAfterWrite = age;
    return this;
  }

  /** The refresh-ahead age, if set. */
  public Optional<Duration> getRefreshAfterWrite() {
    return Optional.ofNullable(refreshAfterWrite);
  }

  /** The epoch tick, or null for the engine's default. */
  public Duration getTickDuration() {
    return tickDuration;
  }

  /**
   * The number of index segments of the engine, {@value Limits#CONCURRENCY_LEVEL} (see {@link
   * DualCacheBuilder#concurrencyLevel}); 0 for the engine's default.
   */
  public DualCacheConfiguration<K, V> setConcurrencyLevel(int segments) {
    if (segments != 0) {
      Limits.concurrencyLevel(segments);
    }
    this.concurrencyLevel = segments;
    return this;
  }

  /** The engine's segment count, or 0 for its default. */
  public int getConcurrencyLevel() {
    return concurrencyLevel;
  }

  /**
   * Runs the cache's asynchronous work ({@code loadAll} and asynchronous listeners) on {@code
   * executor}; null, the default, uses {@link java.util.concurrent.ForkJoinPool#commonPool()}.
   */
  public DualCacheConfiguration<K, V> setExecutor(Executor executor) {
    this.executor = executor;
    return this;
  }

  /** The executor for asynchronous work, or null for the common pool. */
  public Executor getExecutor() {
    return executor;
  }

  /**
   * Copies keys and values of a store-by-value cache with {@code copier}; null, the default, uses
   * {@link SerializingCopier}. Ignored by store-by-reference caches.
   */
  public DualCacheConfiguration<K, V> setCopier(Copier copier) {
    this.copier = copier;
    return this;
  }

  /** The copier of a store-by-value cache, or null for the default. */
  public Copier getCopier() {
    return copier;
  }

  /**
   * Declares classes immutable, so that a store-by-value cache keeps and hands out their instances
   * as they are instead of copying them (compared exactly: not their subclasses). Use it for
   * classes you vouch for; records whose components are all immutable JDK types, enums or such
   * records are recognised without it. Replaces what was set before.
   */
  public DualCacheConfiguration<K, V> setImmutableTypes(Set<Class<?>> types) {
    for (Class<?> type : types) {
      Objects.requireNonNull(type, "immutable types must not contain null");
    }
    this.immutableTypes = Set.copyOf(types);
    return this;
  }

  /** The classes declared immutable with {@link #setImmutableTypes}; empty by default. */
  public Set<Class<?>> getImmutableTypes() {
    return immutableTypes;
  }

  /**
   * Whether the cache is shared through the manager's Redis ({@code dualcache.redis} in the
   * configuration file, or the {@code dualcache.redis.uri} property of the manager): with {@code
   * false} it stays local to this JVM. Not set (the default), a cache is shared when its manager
   * has a Redis and the cache stores by value (a store-by-reference cache stays local: what comes
   * from Redis is always a copy). Setting {@code true} on a manager without Redis fails at {@code
   * createCache}.
   */
  public DualCacheConfiguration<K, V> setShared(boolean shared) {
    this.shared = shared;
    return this;
  }

  /** Whether {@link #setShared} was called, and with what; empty: as the manager says. */
  public Optional<Boolean> getShared() {
    return Optional.ofNullable(shared);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DualCacheConfiguration<?, ?> other) || !super.equals(o)) {
      return false;
    }
    return maximumSize == other.maximumSize
        && maximumWeight == other.maximumWeight
        && Objects.equals(weigher, other.weigher)
        && initialCapacity == other.initialCapacity
        && hotTierT1Slots == other.hotTierT1Slots
        && hotTierT2Slots == other.hotTierT2Slots
        && Objects.equals(tickDuration, other.tickDuration)
        && concurrencyLevel == other.concurrencyLevel
        && Objects.equals(executor, other.executor)
        && Objects.equals(copier, other.copier)
        && Objects.equals(shared, other.shared)
        && immutableTypes.equals(other.immutableTypes)
        && Objects.equals(refreshAfterWrite, other.refreshAfterWrite);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode()
        + Objects.hash(
            maximumSize,
            maximumWeight,
            initialCapacity,
            hotTierT1Slots,
            hotTierT2Slots,
            tickDuration,
            concurrencyLevel,
            shared,
            immutableTypes,
            refreshAfterWrite);
  }
}
