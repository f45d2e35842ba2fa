package io.dualcache.jcache.config;

import java.net.URI;
import javax.cache.CacheException;

/**
 * Finds and reads the configuration file of a cache manager, if its URI names one (see {@link
 * ConfigLocation}). Typesafe Config, which parses the file, is an optional dependency: it is
 * needed, and loaded, only when there is a file, so an application that configures its caches in
 * code does not need it. This class names no Typesafe type, so loading it never fails.
 */
public final class ConfigFiles {

  /** A class of the parser library, to tell whether the library is on the class path. */
  static final String PARSER_CLASS = "com.typesafe.config.ConfigFactory";

  private ConfigFiles() {}

  /**
   * The settings of the manager with {@code uri}, or {@link ManagerSettings#NONE} when it has no
   * file.
   *
   * @param loader the manager's class loader: finds class path files and the classes they name
   * @param isDefaultUri whether {@code uri} is the provider's default URI
   * @throws CacheException if the file is missing, unreadable or wrong, or the parser is missing
   */
  public static ManagerSettings load(URI uri, ClassLoader loader, boolean isDefaultUri) {
    ConfigLocation location = ConfigLocation.find(uri, loader, isDefaultUri);
    if (location == null) {
      return ManagerSettings.NONE;
    }
    checkParserPresent(location, ConfigFiles.class.getClassLoader());
    return ConfigFileReader.read(location, loader);
  }

  /**
   * Fails unless {@code providerLoader} (the loader that links DualCache's classes) sees the
   * parser.
   */
  static void checkParserPresent(ConfigLocation location, ClassLoader providerLoader) {
    try {
      Class.forName(PARSER_CLASS, false, providerLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CacheException(
          location
              + ": reading a DualCache configuration file needs Typesafe Config (Maven:"
              + " com.typesafe:config, 1.4.x), which is not on the class path; add that"
              + " dependency, or configure the caches in code with DualCacheConfiguration",
          e);
    }
  }
}
