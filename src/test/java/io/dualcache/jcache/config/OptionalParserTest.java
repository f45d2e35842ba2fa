package io.dualcache.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.DualCachingProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.CacheManager;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typesafe Config is optional: DualCache loaded without it (as in an application that only has the
 * provider jar, cache-api and JCTools) runs caches configured in code, and a configuration file
 * fails with a message that names the missing library.
 */
class OptionalParserTest {

  @TempDir Path directory;

  /** DualCache and its two required dependencies, and nothing else but the JDK. */
  private static URLClassLoader withoutTypesafeConfig() {
    return new URLClassLoader(
        new URL[] {
          codeSource(DualCachingProvider.class),
          codeSource(CacheManager.class),
          codeSource(MpscArrayQueue.class)
        },
        ClassLoader.getPlatformClassLoader());
  }

  private static URL codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  private static Object managerOf(ClassLoader isolated, URI uri) throws Exception {
    Class<?> providerClass = isolated.loadClass(DualCachingProvider.class.getName());
    Object provider = providerClass.getConstructor().newInstance();
    Method getCacheManager =
        providerClass.getMethod("getCacheManager", URI.class, ClassLoader.class);
    return getCacheManager.invoke(provider, uri, isolated);
  }

  @Test
  void withoutTheLibraryCachesConfiguredInCodeWork() throws Exception {
    try (URLClassLoader isolated = withoutTypesafeConfig()) {
      assertThrows(
          ClassNotFoundException.class,
          () -> isolated.loadClass(ConfigFiles.PARSER_CLASS),
          "the isolated loader must not see the parser");
      Object manager = managerOf(isolated, URI.create("configured-in-code"));
      Class<?> configurationType = isolated.loadClass("javax.cache.configuration.Configuration");
      Object configuration =
          isolated.loadClass(DualCacheConfiguration.class.getName()).getConstructor().newInstance();
      Object cache =
          manager
              .getClass()
              .getMethod("createCache", String.class, configurationType)
              .invoke(manager, "in-code", configuration);
      Class<?> cacheType = isolated.loadClass("javax.cache.Cache");

      cacheType.getMethod("put", Object.class, Object.class).invoke(cache, "k", "v");

      assertEquals("v", cacheType.getMethod("get", Object.class).invoke(cache, "k"));
      manager.getClass().getMethod("close").invoke(manager);
    }
  }

  @Test
  void withoutTheLibraryAConfigurationFileFailsNamingIt() throws Exception {
    Path file = Files.writeString(directory.resolve("app.conf"), "dualcache.caches.a {}");
    try (URLClassLoader isolated = withoutTypesafeConfig()) {
      InvocationTargetException failure =
          assertThrows(InvocationTargetException.class, () -> managerOf(isolated, file.toUri()));

      Throwable cause = failure.getCause();
      assertEquals("javax.cache.CacheException", cause.getClass().getName());
      assertTrue(cause.getMessage().startsWith(file.toUri().toString()), cause.getMessage());
      assertTrue(
          cause.getMessage().contains("needs Typesafe Config (Maven: com.typesafe:config"),
          cause.getMessage());
    }
  }
}
