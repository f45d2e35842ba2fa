package io.dualcache.jcache.config;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.cache.CacheException;

/**
 * Where the configuration file of a cache manager is, found from the manager's URI:
 *
 * <ul>
 *   <li>the provider's default URI: {@value #DEFAULT_RESOURCE} on the class path, if it is there;
 *   <li>{@code classpath:path}: a class path resource of the manager's class loader;
 *   <li>{@code file:} and {@code jar:} URLs, which Hibernate ({@code hibernate.javax.cache.uri})
 *       and Spring Boot ({@code spring.cache.jcache.config}) hand over once they have resolved a
 *       resource;
 *   <li>a URI of any other scheme whose path ends in {@code .conf}, {@code .json} or {@code
 *       .properties}, read through its URL handler (an application server's {@code vfs:});
 *   <li>a plain path ending in one of those: a file, or else a class path resource.
 * </ul>
 *
 * Any other URI only names the manager, as before configuration files existed: JSR-107 lets a
 * provider read URIs as it likes, and the TCK uses them as plain names.
 *
 * @param url the URL to parse; HOCON includes in the file resolve relative to it
 * @param description the file as the user named it, for messages
 */
record ConfigLocation(URL url, String description) {

  /** The class path resource read for the provider's default URI, when it exists. */
  static final String DEFAULT_RESOURCE = "dualcache.conf";

  private static final String CLASSPATH_SCHEME = "classpath";

  /**
   * The file that {@code uri} names, or null if it names none.
   *
   * @param isDefaultUri whether {@code uri} is the provider's default URI
   * @throws CacheException if the URI names a file that does not exist
   */
  static ConfigLocation find(URI uri, ClassLoader loader, boolean isDefaultUri) {
    if (isDefaultUri) {
      URL resource = loader.getResource(DEFAULT_RESOURCE);
      return resource == null
          ? null
          : new ConfigLocation(resource, "classpath:" + DEFAULT_RESOURCE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case CLASSPATH_SCHEME -> classPathResource(uri.getSchemeSpecificPart(), uri, loader);
      case "file" -> file(fileUriPath(uri), uri);
      case "jar" -> url(uri);
      case "" -> namesConfigFile(uri.getPath()) ? plainPath(uri.getPath(), uri, loader) : null;
      default -> namesConfigFile(uri.getPath()) ? url(uri) : null;
    };
  }

  /** The file as the user named it, for messages. */
  @Override
  public String toString() {
    return description;
  }

  private static boolean namesConfigFile(String path) {
    if (path == null) {
      return false;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".conf") || lower.endsWith(".json") || lower.endsWith(".properties");
  }

  private static ConfigLocation classPathResource(String name, URI uri, ClassLoader loader) {
    // Class loaders take resource names without the leading slash that Spring users write.
    String resourceName = name.startsWith("/") ? name.substring(1) : name;
    URL resource = loader.getResource(resourceName);
    if (resource == null) {
      throw new CacheException(
          "cache manager "
              + uri
              + ": there is no class path resource \""
              + resourceName
              + "\" (class loader "
              + loader
              + ")");
    }
    return new ConfigLocation(resource, uri.toString());
  }

  private static Path fileUriPath(URI uri) {
    // "file:relative/dualcache.conf" is an opaque URI, which Path.of(URI) refuses.
    return uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
  }

  private static ConfigLocation file(Path path, URI uri) {
    if (!Files.isRegularFile(path)) {
      throw new CacheException(
          "cache manager "
              + uri
              + ": the configuration file "
              + path.toAbsolutePath()
              + " does not exist");
    }
    try {
      return new ConfigLocation(path.toUri().toURL(), uri.toString());
    } catch (MalformedURLException e) {
      throw new CacheException("cache manager " + uri + ": cannot read " + path, e);
    }
  }

  private static ConfigLocation url(URI uri) {
    URL url;
    try {
      url = uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new CacheException(
          "cache manager " + uri + ": cannot open the configuration file: " + e.getMessage(), e);
    }
    // Fail here, with the manager's URI, rather than inside the parser with its own wording.
    try {
      url.openStream().close();
      return new ConfigLocation(url, uri.toString());
    } catch (IOException e) {
      throw new CacheException(
          "cache manager " + uri + ": cannot read the configuration file: " + e, e);
    }
  }

  private static ConfigLocation plainPath(String path, URI uri, ClassLoader loader) {
    if (Files.isRegularFile(Path.of(path))) {
      return file(Path.of(path), uri);
    }
    URL resource = loader.getResource(path.startsWith("/") ? path.substring(1) : path);
    if (resource == null) {
      throw new CacheException(
          "cache manager "
              + uri
              + ": \""
              + path
              + "\" is neither a file (looked in "
              + Path.of(path).toAbsolutePath()
              + ") nor a class path resource");
    }
    return new ConfigLocation(resource, uri.toString());
  }
}
