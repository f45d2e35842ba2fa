/**
 * Internal (not exported by the module {@code io.dualcache}): what a failure of the user's code
 * does, and the pieces of that rule which the adapter ({@code io.dualcache.jcache}) and its event
 * dispatch ({@code io.dualcache.jcache.event}) and configuration files ({@code
 * io.dualcache.jcache.config}) share.
 *
 * <p><b>A failure of a user's object belongs to the call that ran it.</b> That call gets it: a
 * {@link java.lang.RuntimeException} in the wrapper type JSR-107 gives that kind of object, an
 * {@link java.lang.Error} as it is (it is never disguised as a recoverable exception), except where
 * the only way to the caller is a parameter of type {@code Exception} (loadAll's {@code
 * CompletionListener}). No other key, listener, thread or call is affected: a batch call applies
 * every key it can and then throws the first failure ({@link
 * io.dualcache.jcache.usercode.FirstFailure}); an asynchronous delivery logs its failure and the
 * next one runs; a {@code loadAll} always ends in exactly one of {@code onCompletion} and {@code
 * onException}.
 *
 * <p>Each kind of user object is called from one place, which applies the rule:
 *
 * <ul>
 *   <li>{@code CacheLoader}: {@code ReadThrough}; {@code CompletionListener}: {@code BulkLoad};
 *   <li>{@code CacheWriter}: {@code WriteThrough};
 *   <li>{@code EntryProcessor}: {@code EntryProcessors.process} (and {@code ProcessorEntry} checks
 *       the values it sets with the cache's {@code TypeCheck});
 *   <li>{@code ExpiryPolicy}: {@code ExpiryPolicyAdapter} (those five in {@code
 *       io.dualcache.jcache});
 *   <li>listeners and their filters: {@code EventDispatcher} in {@code io.dualcache.jcache.event};
 *   <li>{@code Copier} (store-by-value): {@link io.dualcache.jcache.usercode.Copies};
 *   <li>{@code close()} of any of them: {@link io.dualcache.jcache.usercode.Closeables}.
 * </ul>
 *
 * The weigher and the keys' {@code equals}/{@code hashCode} are called by the engine.
 */
package io.dualcache.jcache.usercode;
