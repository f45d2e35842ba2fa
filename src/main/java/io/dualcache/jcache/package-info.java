/**
 * The JSR-107 (JCache 1.1.1) provider of DualCache: maps the spec onto the engine in {@code
 * io.dualcache.engine}, adding nothing to the engine's read path that a configuration does not ask
 * for.
 *
 * <p>Public: {@link io.dualcache.jcache.DualCachingProvider} (found by {@code
 * Caching.getCachingProvider()}), {@link io.dualcache.jcache.DualCacheManager}, {@link
 * io.dualcache.jcache.DualJCache}, {@link io.dualcache.jcache.DualCacheEntry}, {@link
 * io.dualcache.jcache.DualCacheConfiguration} (bounds and engine tuning) and the pluggable {@link
 * io.dualcache.jcache.Copier} of store-by-value caches, with its default {@link
 * io.dualcache.jcache.SerializingCopier}. Everything else here is package-private, and the
 * subpackages are internal (the module {@code io.dualcache} does not export them): {@code config}
 * (configuration files), {@code event} (listeners and events) and {@code usercode} (what a failure
 * of the user's code does, and the pieces of that rule the other packages share).
 *
 * <p>A cache is put together by {@code CacheParts.assemble} from its configuration: the engine, the
 * {@code Copies} of a store-by-value cache, the {@code TypeCheck}, and the user's objects behind
 * the one class each that calls them ({@code ExpiryPolicyAdapter}, {@code ReadThrough}, {@code
 * WriteThrough}, the event package's {@code EventDispatcher}); if a factory fails, what the others
 * made is closed. {@code DualJCache} does the operations on one key and hands the rest to classes
 * with one job each: {@code BulkOperations} (getAll, putAll, removeAll, loadAll through {@code
 * BulkLoad}), {@code EntryProcessors} (invoke, invokeAll, on a {@code ProcessorEntry}), {@code
 * JCacheIterator}, and {@code LiveConfiguration} (the configuration while the cache runs: listener
 * registration, the management switches and the start of close, under one lock).
 *
 * <p>Following a call:
 *
 * <ul>
 *   <li>{@code get}: {@code DualJCache.get} → {@code DualCache.get} (wait-free; the engine records
 *       the hit and, through {@code ExpiryPolicyAdapter}, applies the access expiry) → for a
 *       store-by-value cache, {@code Copies.out} (no copy for immutable JDK values). A miss loads
 *       through {@code ReadThrough} inside one engine {@code compute} of the key.
 *   <li>{@code put} and every other write: one {@code DualCache.compute} of the key, in which the
 *       operation changes the entry through {@code EntryWrites}: it writes through ({@code
 *       WriteThrough}: a cache without a writer has {@code WriteThrough.none()}, which writes
 *       nothing), asks the expiry policy and sets or removes the value; a failure leaves the entry
 *       as it was. A put with neither writer nor expiry is the engine's plain {@code put}.
 *   <li>events: the engine calls its one listener, the {@code EventDispatcher}, in the writing
 *       thread under the key's lock; it delivers to synchronous registrations there and queues to
 *       asynchronous ones per key. Evictions are counted, not delivered.
 *   <li>statistics: {@code CacheStatistics} holds the counters and their on/off switch. An
 *       operation takes {@code start()} once, which is 0 while statistics are off, and then its
 *       records do nothing. {@code CacheMXBeans} names and registers the two MXBeans.
 *   <li>configuration files: when a manager is opened, {@code DualCacheManager} asks the config
 *       package's {@code ConfigFiles} for the file its URI names, gets {@code ManagerSettings},
 *       builds the declared caches from them, adds their engine settings to plain {@code
 *       createCache} configurations and pre-configures unknown names from the template.
 * </ul>
 *
 * <p>Ranges of the engine's settings, and their wording, are the engine's {@link
 * io.dualcache.engine.Limits}: {@code DualCacheConfiguration} and the file reader check with it.
 */
package io.dualcache.jcache;
