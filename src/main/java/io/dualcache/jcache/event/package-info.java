/**
 * Internal (not exported by the module {@code io.dualcache}): the JSR-107 events of a cache.
 *
 * <p>{@link io.dualcache.jcache.event.EventDispatcher} is the engine's one listener: the engine
 * calls it in the writing thread under the key's lock, and it turns each change into a {@code
 * DualCacheEntryEvent} for every {@link io.dualcache.jcache.event.ListenerRegistration} (a listener
 * and its filter) that takes that type. Synchronous registrations get it right there; asynchronous
 * ones through one of a few {@code SerialExecutor} stripes chosen by the key, so the events of one
 * key arrive in the order of the changes. Evictions are no JSR-107 event: they are counted for the
 * statistics. The adapter ({@code DualJCache}) registers and deregisters.
 */
package io.dualcache.jcache.event;
