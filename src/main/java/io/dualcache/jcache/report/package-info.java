/**
 * Internal (not exported by the module {@code io.dualcache}): the configuration report of a cache
 * manager.
 *
 * <p>{@code DualCacheManager.report()} hands {@link io.dualcache.jcache.report.Reports} a {@link
 * io.dualcache.jcache.report.CacheFacts} per open cache; {@code Expiries} reads the expiry policy,
 * {@code Rules} turns the facts into findings, and {@code Hocon} writes the snippets that fix them.
 */
package io.dualcache.jcache.report;
