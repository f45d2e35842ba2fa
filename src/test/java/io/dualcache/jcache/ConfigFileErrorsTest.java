package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad configuration file fails when the manager is created, with one message that names the file,
 * the cache, the key, what is wrong and what is accepted.
 */
class ConfigFileErrorsTest {

  private static final String FIXTURES = "io.dualcache.jcache.ConfigFixtures$";

  @TempDir Path directory;

  /** (what is wrong, the file, the fragments its message must contain besides the file name). */
  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad(
            "unknown immutable type",
            "dualcache.caches.orders.immutable-types = [ \"com.example.NoSuchMoney\" ]",
            "cache \"orders\"",
            "key \"immutable-types[0]\"",
            "unknown class \"com.example.NoSuchMoney\"",
            "accepted: the binary name of a class"),
        bad(
            "immutable types not a list",
            "dualcache.caches.orders.immutable-types = \"java.lang.String\"",
            "key \"immutable-types\"",
            "accepted: a list of class names"),
        bad(
            "unknown copier",
            "dualcache.caches.orders {\n  copier = kryo\n}",
            "cache \"orders\"",
            "key \"copier\" (line 2)",
            "\"kryo\" is not a copier",
            "accepted: serialization (the default: Java serialization) or fory"),
        bad(
            "copier not a word",
            "dualcache.caches.orders.copier = [ fory ]",
            "key \"copier\"",
            "is list",
            "accepted: serialization"),
        bad(
            "unknown key",
            "dualcache.caches.orders { maximum-sise = 10 }",
            "cache \"orders\"",
            "key \"maximum-sise\" (line 1)",
            "is not a known key",
            "accepted: key-type, value-type,",
            "maximum-size"),
        bad(
            "wrong type",
            "dualcache.caches.orders {\n  maximum-size = lots\n}",
            "cache \"orders\"",
            "key \"maximum-size\" (line 2)",
            "is string \"lots\"",
            "accepted: a whole number, 0 or more"),
        bad(
            "lifetime below a millisecond",
            "dualcache.caches.orders {\n  tick-duration = 100us\n  expire-after-write = 1500us\n}",
            "cache \"orders\"",
            "key \"expire-after-write\" (line 3)",
            "whole milliseconds",
            "accepted: a duration of whole milliseconds"),
        bad(
            "negative size",
            "dualcache.caches.orders.maximum-size = -5",
            "cache \"orders\"",
            "key \"maximum-size\"",
            "-5 is negative",
            "accepted: a whole number, 0 or more"),
        bad(
            "fractional size",
            "dualcache.caches.orders.maximum-size = 2.5",
            "key \"maximum-size\"",
            "is number 2.5"),
        bad(
            "unknown class",
            "dualcache.caches.orders.loader = com.example.Missing",
            "cache \"orders\"",
            "key \"loader\"",
            "unknown class \"com.example.Missing\"",
            "implementing javax.cache.integration.CacheLoader, with a public no-argument"
                + " constructor"),
        bad(
            "class without a no-arg constructor",
            "dualcache.caches.orders.loader = \"" + FIXTURES + "LoaderWithoutNoArgConstructor\"",
            "key \"loader\"",
            "has no public no-argument constructor",
            "accepted: the binary name of a public class"),
        bad(
            "class of the wrong kind",
            "dualcache.caches.orders.writer = java.lang.String",
            "key \"writer\"",
            "class java.lang.String does not implement javax.cache.integration.CacheWriter"),
        bad(
            "class that is not public",
            "dualcache.caches.orders.loader = \"" + FIXTURES + "HiddenLoader\"",
            "key \"loader\"",
            "is not public"),
        bad(
            "abstract class",
            "dualcache.caches.orders.loader = \"" + FIXTURES + "AbstractLoader\"",
            "key \"loader\"",
            "is abstract"),
        bad(
            "wrong boolean",
            "dualcache.default.statistics = maybe",
            "template \"default\"",
            "key \"statistics\"",
            "accepted: true or false"),
        bad(
            "bad duration",
            "dualcache.caches.orders.expire-after-write = soon",
            "key \"expire-after-write\"",
            "is string \"soon\"",
            "accepted: a positive duration such as 500ms, 30s, 10m"),
        bad(
            "zero duration",
            "dualcache.caches.orders.expire-after-access = 0s",
            "key \"expire-after-access\"",
            "is not positive"),
        bad(
            "two expiry keys",
            "dualcache.caches.orders { expire-after-write = 1m, expire-after-access = 1m }",
            "cannot be combined with expire-after-write",
            "accepted: one of expire-after-write, expire-after-access, expire-after-creation,"
                + " expiry-policy-factory"),
        bad(
            "a factory of something else",
            "dualcache.caches.orders.expiry-policy-factory = \"" + FIXTURES + "StringFactory\"",
            "key \"expiry-policy-factory\"",
            "made a java.lang.String"),
        bad(
            "size and weight",
            "dualcache.caches.orders { maximum-size = 1, maximum-weight = 1, weigher = \""
                + FIXTURES
                + "LengthWeigher\" }",
            "key \"maximum-weight\"",
            "cannot be combined with maximum-size"),
        bad(
            "weight without weigher",
            "dualcache.caches.orders.maximum-weight = 10",
            "key \"maximum-weight\"",
            "needs a weigher"),
        bad(
            "weigher without weight",
            "dualcache.caches.orders.weigher = \"" + FIXTURES + "LengthWeigher\"",
            "key \"weigher\"",
            "only used with maximum-weight"),
        bad(
            "read-through without a loader",
            "dualcache.caches.orders.read-through = true",
            "key \"read-through\"",
            "no loader is set"),
        bad(
            "write-through without a writer, in the template",
            "dualcache.default.write-through = true",
            "template \"default\"",
            "key \"write-through\"",
            "no writer is set"),
        bad(
            "hot tiers out of range",
            "dualcache.caches.orders.hot-tiers { t1-slots = 3 }",
            "key \"hot-tiers\"",
            "t1Slots must be a power of two from 2 to 4096, t1Slots=3"),
        bad(
            "unknown hot tier key",
            "dualcache.caches.orders.hot-tiers { t3-slots = 4 }",
            "key \"hot-tiers.t3-slots\"",
            "accepted: t1-slots, t2-slots"),
        bad(
            "tick out of range",
            "dualcache.caches.orders.tick-duration = 5s",
            "key \"tick-duration\"",
            "accepted: from 100us to 1s"),
        bad(
            "concurrency level not a power of two",
            "dualcache.caches.orders.concurrency-level = 10",
            "key \"concurrency-level\"",
            "accepted: a power of two from 2 to 65536"),
        bad(
            "listener without a class",
            "dualcache.caches.orders.listeners = [ { synchronous = true } ]",
            "key \"listeners[0].class\"",
            "is missing"),
        bad(
            "listener with an unknown key",
            "dualcache.caches.orders.listeners = [ { class = \""
                + FIXTURES
                + "RecordingListener\", async = true } ]",
            "key \"listeners[0].async\"",
            "accepted: class, filter, old-value-required, synchronous"),
        bad(
            "unknown file-level key",
            "dualcache { defaults { maximum-size = 1 } }",
            "key \"dualcache.defaults\"",
            "accepted: preconfigure-unknown-caches, default, caches"),
        bad(
            "switch of the wrong type",
            "dualcache.preconfigure-unknown-caches = 1",
            "key \"dualcache.preconfigure-unknown-caches\"",
            "accepted: true or false"),
        bad("no dualcache block", "caffeine.jcache.default {}", "key \"dualcache\"", "is missing"),
        bad("not HOCON", "dualcache { caches {", "cannot be read"));
  }

  private static Arguments bad(String what, String file, String... fragments) {
    return Arguments.of(what, file, fragments);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadFileFailsTheManagerWithAMessageNamingTheProblem(
      String what, String file, String[] fragments) {
    URI uri = ConfigFixtures.write(directory, file);

    CacheException failure =
        assertThrows(
            CacheException.class,
            () -> Caching.getCachingProvider().getCacheManager(uri, getClass().getClassLoader()));

    String message = failure.getMessage();
    assertTrue(message.startsWith(uri.toString()), what + ": names the file first: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), what + ": \"" + fragment + "\" not in: " + message);
    }
  }

  @Test
  void aManagerThatFailedLeavesNoCacheBehindAndCanBeAskedForAgain() throws Exception {
    // "a" is made before "b" fails; the failed manager must close it and unregister its MXBeans.
    String broken =
        """
        dualcache.caches {
          a.statistics = true
          b.listeners = [ { class = "io.dualcache.jcache.ConfigFixtures$ThrowingListener" } ]
        }
        """;
    URI uri = ConfigFixtures.write(directory, broken);
    ClassLoader loader = getClass().getClassLoader();

    CacheException failure =
        assertThrows(
            CacheException.class, () -> Caching.getCachingProvider().getCacheManager(uri, loader));
    assertTrue(
        failure.getMessage().contains("cache \"b\" cannot be created"), failure.getMessage());
    assertEquals(
        0,
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(new ObjectName("javax.cache:type=CacheStatistics,Cache=a,*"), null)
            .size());
    java.nio.file.Files.writeString(Path.of(uri), "dualcache.caches.a.statistics = true");
    CacheManager manager = Caching.getCachingProvider().getCacheManager(uri, loader);
    try {
      assertTrue(manager.getCache("a") != null, "the corrected file is read on the next request");
    } finally {
      manager.close();
    }
  }

  @Test
  void aMissingFileFailsNamingIt() {
    URI missing = directory.resolve("nowhere.conf").toUri();

    CacheException failure =
        assertThrows(
            CacheException.class,
            () ->
                Caching.getCachingProvider().getCacheManager(missing, getClass().getClassLoader()));

    assertTrue(failure.getMessage().contains("nowhere.conf"), failure.getMessage());
    assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
  }

  @Test
  void aMissingClassPathResourceFailsNamingIt() {
    CacheException failure =
        assertThrows(
            CacheException.class,
            () ->
                Caching.getCachingProvider()
                    .getCacheManager(
                        URI.create("classpath:no/such/file.conf"), getClass().getClassLoader()));

    assertTrue(failure.getMessage().contains("no/such/file.conf"), failure.getMessage());
  }
}
