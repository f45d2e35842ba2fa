package io.dualcache.jcache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cache manager's configuration file says: the caches it declares (each already merged with
 * the template), the template for every other name, and whether unknown names are pre-configured
 * from it. {@link #NONE} stands for "no file".
 *
 * @param source the file as the user named it, for messages; null without a file
 * @param preconfigureUnknownCaches whether {@code getCache} builds any unknown name from the
 *     template instead of returning null
 * @param template the {@code default} block
 * @param caches the declared caches by name, in the file's order
 */
record ManagerSettings(
    String source,
    boolean preconfigureUnknownCaches,
    CacheSettings template,
    Map<String, CacheSettings> caches) {

  static final ManagerSettings NONE =
      new ManagerSettings(null, false, CacheSettings.NONE, Map.of());

  ManagerSettings {
    caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /** The settings of the cache named {@code name}: its own block, else the template. */
  CacheSettings settingsFor(String name) {
    return caches.getOrDefault(name, template);
  }
}
