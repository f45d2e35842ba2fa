/**
 * The JSR-107 (JCache 1.1.1) provider of DualCache: maps the spec onto the engine in {@code
 * io.dualcache.engine}, adding nothing to the engine's read path that a configuration does not ask
 * for.
 *
 * <p>Public: {@link io.dualcache.jcache.DualCachingProvider} (found by {@code
 * Caching.getCachingProvider()}), {@link io.dualcache.jcache.DualCacheManager}, {@link
 * io.dualcache.jcache.DualJCache}, {@link io.dualcache.jcache.DualCacheEntry}, {@link
 * io.dualcache.jcache.DualCacheConfiguration} (bounds and engine tuning) and the pluggable {@link
 * io.dualcache.jcache.Copier} of store-by-value caches. Everything else is package-private.
 *
 * <p>Following a call:
 *
 * <ul>
 *   <li>{@code get}: {@code DualJCache.get} → {@code DualCache.get} (wait-free; the engine records
 *       the hit and, through {@code ExpiryPolicyAdapter}, applies the access expiry) → for a
 *       store-by-value cache, {@code Copies.out} (no copy for immutable JDK values). A miss loads
 *       through {@code ReadThrough} inside one engine {@code compute} of the key.
 *   <li>{@code put} and every other write: one {@code DualCache.compute} of the key, in which the
 *       operation writes through ({@code WriteThrough}), asks the expiry policy and sets or removes
 *       the value; a failure leaves the entry as it was.
 *   <li>events: the engine calls its one listener, {@code EventDispatcher}, in the writing thread
 *       under the key's lock; it delivers to synchronous registrations there and queues to
 *       asynchronous ones per key ({@code SerialExecutor}). Evictions are counted, not delivered.
 *   <li>user code that fails: each kind of user object is called from one class, which decides what
 *       its failure does to the caller and makes sure it does nothing to other keys, listeners or
 *       threads; {@code UserCode} states the rule and lists them.
 *   <li>statistics: {@code CacheStatistics}, counted by the operations while enabled; MXBeans are
 *       registered by {@code MBeanRegistrar}.
 *   <li>configuration files: when a manager is opened, {@code ConfigFiles} asks {@code
 *       ConfigLocation} whether its URI names a file; if so {@code ConfigFileReader} and {@code
 *       CacheBlockReader} (the only classes that use the optional Typesafe Config) check every key
 *       and produce {@code ManagerSettings}: per cache a {@code StandardSettings} (what JSR-107
 *       has) and an {@code EngineSettings} (what only DualCache has). {@code DualCacheManager}
 *       builds the declared caches from them, adds the {@code EngineSettings} to plain {@code
 *       createCache} configurations and pre-configures unknown names from the template.
 * </ul>
 */
package io.dualcache.jcache;
