/**
 * Internal (not exported by the module {@code io.dualcache}): the configuration file of a cache
 * manager.
 *
 * <p>When a manager is opened, {@link io.dualcache.jcache.config.ConfigFiles} asks {@code
 * ConfigLocation} whether its URI names a file (the default URI: {@code dualcache.conf} on the
 * class path). If so, {@code ConfigFileReader} and {@code CacheBlockReader}, the only classes that
 * use the optional Typesafe Config, check every key, with a {@code ConfigProblems} message naming
 * the file, the cache, the key and what is accepted; ranges and their wording come from the
 * engine's {@link io.dualcache.engine.Limits}. They produce {@link
 * io.dualcache.jcache.config.ManagerSettings}: per cache a {@code CacheSettings}, that is a {@code
 * StandardSettings} (what JSR-107 has) and an {@code EngineSettings} (what only DualCache has),
 * naming classes that {@code InstanceFactory} instantiates when a cache is built. Executors named
 * in the file are made once per manager by {@link io.dualcache.jcache.config.ConfiguredExecutors}.
 * The manager ({@code DualCacheManager}) uses only {@code ConfigFiles}, {@code ManagerSettings} and
 * {@code ConfiguredExecutors}.
 */
package io.dualcache.jcache.config;
