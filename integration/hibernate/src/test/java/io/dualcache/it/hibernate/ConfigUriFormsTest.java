package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.DualCacheConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hibernate.javax.cache.uri} in the forms users write: Hibernate resolves the setting to a
 * URL (a {@code file:} URL for a file or a directory on the class path, a {@code jar:} URL for a
 * resource in a jar) and hands that to the provider.
 */
class ConfigUriFormsTest {

  @TempDir Path directory;

  private static byte[] regionsFile() throws IOException {
    try (InputStream in =
        ConfigUriFormsTest.class.getResourceAsStream("/hibernate-dualcache.conf")) {
      return in.readAllBytes();
    }
  }

  private static void assertBookRegionBoundedToFifty(SessionFactory sessionFactory) {
    try {
      String uri = Database.cacheManagerOf(sessionFactory).getURI().toString();
      DualCacheConfiguration<?, ?> books =
          Database.cacheManagerOf(sessionFactory)
              .getCache(Book.class.getName())
              .getConfiguration(DualCacheConfiguration.class);
      assertEquals(50L, books.getMaximumSize().getAsLong(), "read from " + uri);
    } finally {
      sessionFactory.close();
    }
  }

  @Test
  void anAbsoluteFileUrl() throws IOException {
    Path file = Files.write(directory.resolve("regions.conf"), regionsFile());

    SessionFactory sessionFactory =
        Database.open(file.toUri().toString(), "create", new SqlCounter());

    assertTrue(
        Database.cacheManagerOf(sessionFactory).getURI().toString().startsWith("file:"));
    assertBookRegionBoundedToFifty(sessionFactory);
  }

  @Test
  void aResourceInsideAJarOnTheClassPath() throws IOException {
    Path jar = directory.resolve("packaged-app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("packaged/regions.conf"));
      jarOut.write(regionsFile());
      jarOut.closeEntry();
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader withJar =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(withJar); // Hibernate looks resources up here too
      SessionFactory sessionFactory =
          Database.open("packaged/regions.conf", "create", new SqlCounter());

      assertTrue(
          Database.cacheManagerOf(sessionFactory).getURI().toString().startsWith("jar:file:"),
          Database.cacheManagerOf(sessionFactory).getURI().toString());
      assertBookRegionBoundedToFifty(sessionFactory);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
