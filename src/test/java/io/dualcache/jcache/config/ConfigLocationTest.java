package io.dualcache.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dualcache.jcache.DualCacheConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form of URI that names a configuration file, and the URIs that only name a manager. */
class ConfigLocationTest {

  private static final String DECLARES_ONE = "dualcache.caches.declared { maximum-size = 3 }";

  @TempDir Path directory;

  private final ClassLoader loader = getClass().getClassLoader();

  /** The bound of the cache the file declares, read through a manager of {@code uri}. */
  private static long boundOfDeclaredCache(URI uri, ClassLoader loader, String cacheName) {
    CacheManager manager = Caching.getCachingProvider().getCacheManager(uri, loader);
    try {
      Cache<Object, Object> cache = manager.getCache(cacheName);
      assertNotNull(cache, "cache " + cacheName + " of " + uri);
      return cache.getConfiguration(DualCacheConfiguration.class).getMaximumSize().getAsLong();
    } finally {
      manager.close();
    }
  }

  @Test
  void aClassPathUriWithOrWithoutALeadingSlash() {
    assertEquals(
        3,
        boundOfDeclaredCache(
            URI.create("classpath:config/classpath-test.conf"), loader, "from-classpath"));
    assertEquals(
        3,
        boundOfDeclaredCache(
            URI.create("classpath:/config/classpath-test.conf"), loader, "from-classpath"));
  }

  @Test
  void aFileUrlAsHibernateAndSpringHandItOver() throws IOException {
    Path file = Files.writeString(directory.resolve("app cache.conf"), DECLARES_ONE);

    assertEquals(3, boundOfDeclaredCache(file.toUri(), loader, "declared"));
  }

  @Test
  void jsonAndJavaPropertiesFilesAreReadToo() throws IOException {
    Path json =
        Files.writeString(
            directory.resolve("caches.json"),
            "{ \"dualcache\": { \"caches\": { \"declared\": { \"maximum-size\": 3 } } } }");
    Path properties =
        Files.writeString(
            directory.resolve("caches.properties"),
            """
            dualcache.preconfigure-unknown-caches = true
            dualcache.default.maximum-size = 3
            dualcache.caches.declared.maximum-size = 3
            dualcache.caches.declared.expire-after-write = 10m
            dualcache.caches.declared.statistics = true
            """);

    assertEquals(3, boundOfDeclaredCache(json.toUri(), loader, "declared"));
    assertEquals(3, boundOfDeclaredCache(properties.toUri(), loader, "declared"));
    assertEquals(
        3,
        boundOfDeclaredCache(properties.toUri(), loader, "undeclared"),
        "strings for the switch and for numbers: all a properties file has");
  }

  @Test
  void aJarUrlOfAFileInsideAJar() throws IOException {
    Path jar = directory.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("conf/dualcache.conf"));
      jarOut.write(DECLARES_ONE.getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/conf/dualcache.conf");

    assertEquals(3, boundOfDeclaredCache(uri, loader, "declared"));
  }

  @Test
  void aUrlOfAnotherSchemeIsReadThroughItsHandler() throws IOException {
    Path file = Files.writeString(directory.resolve("server.conf"), DECLARES_ONE);

    assertEquals(
        3, boundOfDeclaredCache(URI.create("vfs:" + file.toUri().getPath()), loader, "declared"));
  }

  @Test
  void aPlainAbsolutePathAndAPlainClassPathResourceName() throws IOException {
    Path file = Files.writeString(directory.resolve("plain.conf"), DECLARES_ONE);

    assertEquals(3, boundOfDeclaredCache(URI.create(file.toString()), loader, "declared"));
    assertEquals(
        3,
        boundOfDeclaredCache(URI.create("config/classpath-test.conf"), loader, "from-classpath"));
  }

  @Test
  void theDefaultUriReadsDualcacheConfFromTheClassPathWhenItIsThere() throws IOException {
    Files.writeString(directory.resolve(ConfigLocation.DEFAULT_RESOURCE), DECLARES_ONE);
    CachingProvider provider = Caching.getCachingProvider();

    try (URLClassLoader withFile =
        new URLClassLoader(new URL[] {directory.toUri().toURL()}, loader)) {
      assertEquals(3, boundOfDeclaredCache(provider.getDefaultURI(), withFile, "declared"));
      assertEquals(3, boundOfDeclaredCache(null, withFile, "declared"), "null: the default URI");
    }
    CacheManager withoutFile = provider.getCacheManager(provider.getDefaultURI(), loader);
    try {
      assertFalse(withoutFile.getCacheNames().iterator().hasNext(), "no file, no caches");
    } finally {
      withoutFile.close();
    }
  }

  @Test
  void aUriThatNamesNoFileOnlyNamesTheManager() {
    for (String name : new String[] {"just-a-name", "urn:app:caches", "http://example.com/x"}) {
      CacheManager manager = Caching.getCachingProvider().getCacheManager(URI.create(name), loader);
      try {
        assertFalse(manager.getCacheNames().iterator().hasNext(), name);
      } finally {
        manager.close();
      }
    }
  }
}
