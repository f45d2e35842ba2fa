package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.fory.ForyCopier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the file meets code: createCache keeps every JSR-107 setting it is given and takes only the
 * DualCache settings from the file; the switch pre-configures unknown names from the template.
 */
class ConfigTemplateTest {

  private static final String TEMPLATE_AND_ORDERS =
      """
      dualcache {
        default {
          maximum-size = 100, tick-duration = 2ms, expire-after-write = 5m,
          store-by-value = false, statistics = true
        }
        caches.orders { maximum-size = 7 }
      }
      """;

  @TempDir Path directory;

  private CacheManager manager;

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  private static DualCacheConfiguration<?, ?> configurationOf(Cache<?, ?> cache) {
    return cache.unwrap(DualJCache.class).configurationCopy();
  }

  @Test
  void createCacheKeepsEveryJsr107SettingAndTakesTheTemplatesBoundAndTuning() {
    manager = ConfigFixtures.managerOf(directory, TEMPLATE_AND_ORDERS);
    MutableConfiguration<String, String> given =
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setExpiryPolicyFactory(
                AccessedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(TimeUnit.SECONDS, 3)));

    Cache<String, String> cache = manager.createCache("made-in-code", given);

    @SuppressWarnings("unchecked") // a class literal cannot carry the type arguments
    CompleteConfiguration<?, ?> reported = cache.getConfiguration(CompleteConfiguration.class);
    assertEquals(given, new MutableConfiguration<>(reported), "every JSR-107 field as given");
    assertTrue(reported.isStoreByValue(), "the template's store-by-value = false is not applied");
    assertFalse(reported.isStatisticsEnabled(), "nor its statistics");
    assertInstanceOf(AccessedExpiryPolicy.class, reported.getExpiryPolicyFactory().create());
    DualCacheConfiguration<?, ?> dual = configurationOf(cache);
    assertEquals(100L, dual.getMaximumSize().getAsLong(), "the template's bound");
    assertEquals(Duration.ofMillis(2), dual.getTickDuration(), "the template's tuning");
  }

  @Test
  void aCacheCreatedFromAPlainConfigurationTakesTheTemplatesCopierEachItsOwn() {
    manager = ConfigFixtures.managerOf(directory, "dualcache.default.copier = fory");

    Cache<Object, Object> first = manager.createCache("first", new MutableConfiguration<>());
    Cache<Object, Object> second = manager.createCache("second", new MutableConfiguration<>());

    Copier copier = configurationOf(first).getCopier();
    assertInstanceOf(ForyCopier.class, copier, "as a framework's region gets it");
    assertNotSame(copier, configurationOf(second).getCopier(), "one copier per cache");
  }

  @Test
  void createCacheOfADeclaredNameAfterDestroyTakesThatNamesBound() {
    manager = ConfigFixtures.managerOf(directory, TEMPLATE_AND_ORDERS);
    manager.destroyCache("orders");

    Cache<Object, Object> orders = manager.createCache("orders", new MutableConfiguration<>());

    assertEquals(7L, configurationOf(orders).getMaximumSize().getAsLong());
  }

  @Test
  void createCacheOfADeclaredNameFailsWhileItIsOpen() {
    manager = ConfigFixtures.managerOf(directory, TEMPLATE_AND_ORDERS);

    assertThrows(
        CacheException.class, () -> manager.createCache("orders", new MutableConfiguration<>()));
  }

  @Test
  void aDualCacheConfigurationIsTakenAsItIs() {
    manager = ConfigFixtures.managerOf(directory, TEMPLATE_AND_ORDERS);

    Cache<Object, Object> cache =
        manager.createCache("coded", new DualCacheConfiguration<>().setConcurrencyLevel(8));

    DualCacheConfiguration<?, ?> dual = configurationOf(cache);
    assertTrue(dual.getMaximumSize().isEmpty(), "no bound from the file");
    assertNull(dual.getTickDuration());
    assertEquals(8, dual.getConcurrencyLevel());
  }

  @Test
  void withoutTheSwitchAnUnknownNameIsNull() {
    manager = ConfigFixtures.managerOf(directory, TEMPLATE_AND_ORDERS);

    assertNull(manager.getCache("unknown"));
    assertNull(manager.getCache("unknown", Object.class, Object.class));
  }

  @Test
  void withTheSwitchBothGetCacheFormsBuildAnyNameFromTheWholeTemplate() {
    manager =
        ConfigFixtures.managerOf(
            directory, "dualcache.preconfigure-unknown-caches = true\n" + TEMPLATE_AND_ORDERS);

    Cache<Object, Object> untyped = manager.getCache("region.one");
    Cache<String, Long> typed = manager.getCache("region.two", String.class, Long.class);

    assertNotNull(untyped);
    assertNotNull(typed);
    assertSame(untyped, manager.getCache("region.one"), "built once, then found");
    for (Cache<?, ?> cache : new Cache<?, ?>[] {untyped, typed}) {
      DualCacheConfiguration<?, ?> dual = configurationOf(cache);
      assertEquals(100L, dual.getMaximumSize().getAsLong());
      assertFalse(dual.isStoreByValue());
      assertTrue(dual.isStatisticsEnabled());
      assertInstanceOf(ModifiedExpiryPolicy.class, dual.getExpiryPolicyFactory().create());
    }
    assertEquals(String.class, configurationOf(typed).getKeyType(), "the call's types");
    assertEquals(Long.class, configurationOf(typed).getValueType());
    typed.put("k", 1L);
    assertEquals(1L, typed.get("k"));
  }

  @Test
  void typesSetInTheTemplateWinOverTheCallsAndAreChecked() {
    manager =
        ConfigFixtures.managerOf(
            directory,
            "dualcache { preconfigure-unknown-caches = true, default.key-type = java.lang.String }");

    Cache<String, Long> matching = manager.getCache("matching", String.class, Long.class);

    assertEquals(String.class, configurationOf(matching).getKeyType());
    assertEquals(Long.class, configurationOf(matching).getValueType(), "not set: the call's");
    assertThrows(
        ClassCastException.class, () -> manager.getCache("clashing", Long.class, Long.class));
  }

  @Test
  void withTheSwitchADestroyedDeclaredNameIsRebuiltFromItsOwnBlock() {
    manager =
        ConfigFixtures.managerOf(
            directory, "dualcache.preconfigure-unknown-caches = true\n" + TEMPLATE_AND_ORDERS);
    manager.destroyCache("orders");

    assertEquals(7L, configurationOf(manager.getCache("orders")).getMaximumSize().getAsLong());
  }

  @Test
  void aPreconfiguredCacheIsListedAndClosedWithTheManager() {
    manager =
        ConfigFixtures.managerOf(
            directory, "dualcache.preconfigure-unknown-caches = true\n" + TEMPLATE_AND_ORDERS);
    Cache<Object, Object> cache = manager.getCache("later");

    assertTrue(
        java.util.stream.StreamSupport.stream(manager.getCacheNames().spliterator(), false)
            .anyMatch("later"::equals));
    manager.close();
    assertTrue(cache.isClosed());
  }
}
