package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.fory.ForyCopier;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key of a cache block, read from a file and seen in the cache it configures. */
class ConfigFileSettingsTest {

  @TempDir Path directory;

  private CacheManager manager;

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  private Cache<Object, Object> declared(String block) {
    manager = ConfigFixtures.managerOf(directory, "dualcache.caches { subject { " + block + " } }");
    Cache<Object, Object> cache = manager.getCache("subject");
    assertNotNull(cache, "the declared cache exists as soon as the manager does");
    return cache;
  }

  private static DualCacheConfiguration<?, ?> configurationOf(Cache<?, ?> cache) {
    return cache.unwrap(DualJCache.class).configurationCopy();
  }

  @Test
  void declaredCachesAreListedAndReturnedByTheOneArgumentGetCache() {
    manager =
        ConfigFixtures.managerOf(
            directory, "dualcache.caches { orders {}, \"com.example.Book\" { maximum-size = 5 } }");

    Set<String> names = new HashSet<>();
    manager.getCacheNames().forEach(names::add);

    assertEquals(Set.of("orders", "com.example.Book"), names);
    assertNotNull(manager.getCache("orders"));
    assertNotNull(manager.getCache("com.example.Book"));
    assertNull(manager.getCache("undeclared"), "without the switch an unknown name stays unknown");
  }

  @Test
  void anEmptyBlockGivesTheJsr107AndEngineDefaults() {
    DualCacheConfiguration<?, ?> defaults = configurationOf(declared(""));

    assertEquals(Object.class, defaults.getKeyType());
    assertEquals(Object.class, defaults.getValueType());
    assertTrue(defaults.isStoreByValue());
    assertFalse(defaults.isStatisticsEnabled());
    assertFalse(defaults.isManagementEnabled());
    assertInstanceOf(
        javax.cache.expiry.EternalExpiryPolicy.class, defaults.getExpiryPolicyFactory().create());
    assertFalse(defaults.isReadThrough());
    assertNull(defaults.getCacheLoaderFactory());
    assertFalse(defaults.isWriteThrough());
    assertNull(defaults.getCacheWriterFactory());
    assertFalse(defaults.getCacheEntryListenerConfigurations().iterator().hasNext());
    assertTrue(defaults.getMaximumSize().isEmpty(), "unbounded");
    assertTrue(defaults.getMaximumWeight().isEmpty());
    assertEquals(-1, defaults.getInitialCapacity(), "the engine's default");
    assertEquals(0, defaults.getHotTierT1Slots(), "hot tiers off");
    assertNull(defaults.getTickDuration(), "the engine's 1 ms");
    assertEquals(0, defaults.getConcurrencyLevel(), "the engine's 64");
    assertNull(defaults.getExecutor(), "the common pool");
  }

  @Test
  void immutableTypesAreDeclaredClassesThatAreNotCopied() {
    Cache<Object, Object> cache =
        declared("immutable-types = [ \"io.dualcache.jcache.ConfigFileSettingsTest$Token\" ]");
    assertEquals(Set.of(Token.class), configurationOf(cache).getImmutableTypes());
    Token token = new Token();
    cache.put("t", token);
    assertSame(token, cache.get("t"), "store-by-value, but declared immutable: not copied");
  }

  /** Serializable, so that a copy could be made; declared immutable, so none is. */
  public static final class Token implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void copierForyGivesTheCacheItsOwnForyCopier() {
    Cache<Object, Object> cache = declared("copier = fory");
    Copier copier = configurationOf(cache).getCopier();

    assertInstanceOf(ForyCopier.class, copier);
    ArrayList<String> value = new ArrayList<>(List.of("a"));
    cache.put("k", value);
    value.add("changed after put");
    assertEquals(List.of("a"), cache.get("k"), "still copied by value");
  }

  @Test
  void copierSerializationIsTheDefaultCopier() {
    assertSame(
        SerializingCopier.INSTANCE,
        configurationOf(declared("copier = serialization")).getCopier());
  }

  @Test
  void maximumSizeBoundsTheCache() {
    Cache<Object, Object> cache = declared("maximum-size = 10");
    for (int i = 0; i < 200; i++) {
      cache.put(i, i);
    }
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    engine.cleanUp();

    assertEquals(10L, configurationOf(cache).getMaximumSize().getAsLong());
    assertTrue(engine.size() <= 10, "size " + engine.size());
  }

  @Test
  void maximumWeightWithAWeigherBoundsTheTotalWeight() {
    Cache<Object, Object> cache =
        declared(
            "maximum-weight = 100, weigher = \"io.dualcache.jcache.ConfigFixtures$LengthWeigher\"");
    for (int i = 0; i < 100; i++) {
      cache.put(i, "0123456789"); // weight 10 each
    }
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    engine.cleanUp();

    assertEquals(100L, configurationOf(cache).getMaximumWeight().getAsLong());
    assertInstanceOf(ConfigFixtures.LengthWeigher.class, configurationOf(cache).getWeigher());
    assertTrue(engine.size() <= 10, "10 entries of weight 10 fit, size " + engine.size());
  }

  @Test
  void theThreeExpiryKeysChooseTheStandardPolicies() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache.caches {\n"
                + "  written { expire-after-write = 10m }\n"
                + "  touched { expire-after-access = 30s }\n"
                + "  created { expire-after-creation = 1500 }\n" // a bare number: milliseconds
                + "}");

    ExpiryPolicy written = expiryOf(manager.getCache("written"));
    ExpiryPolicy touched = expiryOf(manager.getCache("touched"));
    ExpiryPolicy created = expiryOf(manager.getCache("created"));

    assertInstanceOf(ModifiedExpiryPolicy.class, written);
    assertEquals(
        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 600_000),
        written.getExpiryForUpdate());
    assertInstanceOf(TouchedExpiryPolicy.class, touched);
    assertEquals(
        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 30_000),
        touched.getExpiryForAccess());
    assertInstanceOf(CreatedExpiryPolicy.class, created);
    assertEquals(
        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1_500),
        created.getExpiryForCreation());
    assertNull(created.getExpiryForUpdate());
  }

  @Test
  void anEntryExpiresAfterTheConfiguredTime() throws InterruptedException {
    Cache<Object, Object> cache = declared("expire-after-write = 50ms");
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));

    Thread.sleep(200);

    assertNull(cache.get("k"));
  }

  @Test
  void anExpiryPolicyFactoryClassIsUsed() {
    Cache<Object, Object> cache =
        declared(
            "expiry-policy-factory ="
                + " \"io.dualcache.jcache.ConfigFixtures$FortyTwoSecondsFactory\"");

    assertEquals(
        new javax.cache.expiry.Duration(TimeUnit.SECONDS, 42),
        expiryOf(cache).getExpiryForCreation());
  }

  private static ExpiryPolicy expiryOf(Cache<?, ?> cache) {
    return configurationOf(cache).getExpiryPolicyFactory().create();
  }

  @Test
  void storeByValueIsTheDefaultAndStoreByReferenceCanBeChosen() {
    manager =
        ConfigFixtures.managerOf(
            directory, "dualcache.caches { copies {}, references { store-by-value = false } }");
    List<String> value = new java.util.ArrayList<>(List.of("a"));

    Cache<Object, Object> copies = manager.getCache("copies");
    Cache<Object, Object> references = manager.getCache("references");
    copies.put("k", value);
    references.put("k", value);

    assertTrue(configurationOf(copies).isStoreByValue());
    assertFalse(configurationOf(references).isStoreByValue());
    assertSame(value, references.get("k"));
    assertEquals(value, copies.get("k"));
    assertFalse(value == copies.get("k"), "a store-by-value cache hands out copies");
  }

  @Test
  void statisticsAndManagementRegisterTheirMxBeans() throws Exception {
    Cache<Object, Object> cache = declared("statistics = true, management = true");
    cache.put("k", "v");
    cache.get("k");
    String names = "javax.cache:type=%s,CacheManager=*,Cache=subject";

    assertTrue(configurationOf(cache).isStatisticsEnabled());
    assertTrue(configurationOf(cache).isManagementEnabled());
    Set<ObjectName> statistics =
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(new ObjectName(String.format(names, "CacheStatistics")), null);
    assertEquals(1, statistics.size());
    assertEquals(
        1L,
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(statistics.iterator().next(), "CacheHits"));
    assertEquals(
        1,
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(new ObjectName(String.format(names, "CacheConfiguration")), null)
            .size());
  }

  @Test
  void readThroughLoadsWithTheLoaderClass() {
    Cache<Object, Object> cache =
        declared(
            "read-through = true, loader = \"io.dualcache.jcache.ConfigFixtures$PrefixLoader\"");
    int before = ConfigFixtures.PrefixLoader.LOADS.get();

    assertEquals("value-of-7", cache.get(7));
    assertEquals("value-of-7", cache.get(7));

    assertEquals(1, ConfigFixtures.PrefixLoader.LOADS.get() - before);
    assertTrue(configurationOf(cache).isReadThrough());
  }

  @Test
  void writeThroughWritesWithTheWriterClass() {
    Cache<Object, Object> cache =
        declared(
            "write-through = true, writer = \"io.dualcache.jcache.ConfigFixtures$RecordingWriter\"");

    cache.put("written-key", "v");

    assertTrue(ConfigFixtures.RecordingWriter.WRITTEN.contains("written-key"));
    assertTrue(configurationOf(cache).isWriteThrough());
  }

  @Test
  void listenersGetTheirFilterAndOptions() {
    ConfigFixtures.RecordingListener.EVENTS.clear();
    Cache<Object, Object> cache =
        declared(
            """
            listeners = [ { class = "io.dualcache.jcache.ConfigFixtures$RecordingListener",
              filter = "io.dualcache.jcache.ConfigFixtures$KeepFilter",
              old-value-required = true, synchronous = true } ]
            """);

    cache.put("keep-1", "a");
    cache.put("keep-1", "b");
    cache.put("drop-1", "c");

    // Synchronous: every event was delivered before put returned.
    assertEquals(
        List.of("created:keep-1", "updated:keep-1:a->b"), ConfigFixtures.RecordingListener.EVENTS);
    CacheEntryListenerConfiguration<?, ?> listener =
        configurationOf(cache).getCacheEntryListenerConfigurations().iterator().next();
    assertTrue(listener.isOldValueRequired());
    assertTrue(listener.isSynchronous());
  }

  @Test
  void anAsynchronousListenerRunsOnTheConfiguredExecutorWhichTheManagerShutsDown()
      throws InterruptedException {
    ConfigFixtures.RecordingListener.THREADS.clear();
    int closedBefore = ConfigFixtures.NamedThreadExecutor.CLOSED.get();
    int madeBefore = ConfigFixtures.NamedThreadExecutor.MADE.get();
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache {\n"
                + "  default.executor = \"io.dualcache.jcache.ConfigFixtures$NamedThreadExecutor\"\n"
                + "  caches {\n"
                + "    one.listeners = [ { class ="
                + " \"io.dualcache.jcache.ConfigFixtures$RecordingListener\" } ]\n"
                + "    two {}\n"
                + "  }\n"
                + "}");

    manager.getCache("one").put("k", "v");
    for (int i = 0; i < 200 && ConfigFixtures.RecordingListener.THREADS.isEmpty(); i++) {
      Thread.sleep(10);
    }

    assertEquals(List.of("fixture-executor"), ConfigFixtures.RecordingListener.THREADS);
    CacheEntryListenerConfiguration<?, ?> listener =
        configurationOf(manager.getCache("one"))
            .getCacheEntryListenerConfigurations()
            .iterator()
            .next();
    assertFalse(listener.isSynchronous(), "the default, hence the executor's thread");
    assertFalse(listener.isOldValueRequired());
    assertSame(
        configurationOf(manager.getCache("one")).getExecutor(),
        configurationOf(manager.getCache("two")).getExecutor(),
        "one executor per class and manager");
    assertEquals(1, ConfigFixtures.NamedThreadExecutor.MADE.get() - madeBefore);
    manager.close();
    assertEquals(1, ConfigFixtures.NamedThreadExecutor.CLOSED.get() - closedBefore);
  }

  @Test
  void aConfiguredExecutorServiceIsShutDownButOneGivenInCodeIsNot() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache.caches.pooled.executor ="
                + " \"io.dualcache.jcache.ConfigFixtures$SingleThreadPool\"");
    ExecutorService configured =
        (ExecutorService) configurationOf(manager.getCache("pooled")).getExecutor();
    ExecutorService own = Executors.newSingleThreadExecutor();
    manager.createCache("coded", new DualCacheConfiguration<>().setExecutor(own));

    manager.close();

    assertTrue(configured.isShutdown(), "made from the file: the manager's to shut down");
    assertFalse(own.isShutdown(), "passed in code: the caller's");
    own.shutdown();
  }

  @Test
  void engineTuningKeysReachTheConfiguration() {
    Cache<Object, Object> cache =
        declared(
            "hot-tiers { t1-slots = 64, t2-slots = 1024 }, tick-duration = 5ms,"
                + " concurrency-level = 16, initial-capacity = 1000");
    DualCacheConfiguration<?, ?> configuration = configurationOf(cache);

    assertEquals(64, configuration.getHotTierT1Slots());
    assertEquals(1024, configuration.getHotTierT2Slots());
    assertEquals(Duration.ofMillis(5), configuration.getTickDuration());
    assertEquals(16, configuration.getConcurrencyLevel());
    assertEquals(1000, configuration.getInitialCapacity());
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
  }

  @Test
  void keyAndValueTypesAreCheckedByTheTypedGetCache() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache.caches.typed { key-type = java.lang.String, value-type ="
                + " java.lang.Integer }");

    Cache<String, Integer> typed = manager.getCache("typed", String.class, Integer.class);
    @SuppressWarnings("unchecked") // a class literal cannot carry the type arguments
    CompleteConfiguration<?, ?> configuration = typed.getConfiguration(CompleteConfiguration.class);

    assertEquals(String.class, configuration.getKeyType());
    assertEquals(Integer.class, configuration.getValueType());
    assertThrows(
        ClassCastException.class, () -> manager.getCache("typed", Long.class, Integer.class));
    @SuppressWarnings({"unchecked", "rawtypes"}) // deliberately bypasses the compiler's check
    Cache<Object, Object> raw = (Cache) typed;
    assertThrows(ClassCastException.class, () -> raw.put(1L, 1), "writes are checked too");
  }

  @Test
  void aDeclaredCacheFallsBackOnTheTemplateKeyByKeyAndReplacesItsBoundWhole() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache {\n"
                + "  default { maximum-size = 500, statistics = true, store-by-value = false,"
                + " expire-after-write = 1m }\n"
                + "  caches {\n"
                + "    inherits {}\n"
                + "    overrides { maximum-weight = 64, weigher ="
                + " \"io.dualcache.jcache.ConfigFixtures$LengthWeigher\", statistics = false,"
                + " expire-after-access = 2m }\n"
                + "  }\n"
                + "}");

    DualCacheConfiguration<?, ?> inherits = configurationOf(manager.getCache("inherits"));
    DualCacheConfiguration<?, ?> overrides = configurationOf(manager.getCache("overrides"));

    assertEquals(500L, inherits.getMaximumSize().getAsLong());
    assertTrue(inherits.isStatisticsEnabled());
    assertFalse(inherits.isStoreByValue());
    assertTrue(overrides.getMaximumSize().isEmpty(), "the weight bound replaced the size bound");
    assertEquals(64L, overrides.getMaximumWeight().getAsLong());
    assertFalse(overrides.isStatisticsEnabled());
    assertFalse(overrides.isStoreByValue(), "not set in the block: the template's");
    assertInstanceOf(ModifiedExpiryPolicy.class, inherits.getExpiryPolicyFactory().create());
    assertInstanceOf(
        TouchedExpiryPolicy.class,
        overrides.getExpiryPolicyFactory().create(),
        "the block's expiry replaced the template's");
  }
}
