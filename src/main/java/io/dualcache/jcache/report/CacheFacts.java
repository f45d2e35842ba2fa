package io.dualcache.jcache.report;

import io.dualcache.jcache.DualCacheConfiguration;

/**
 * What the manager knows about one open cache.
 *
 * @param name the cache's name
 * @param configuration a copy of its current configuration
 * @param shared whether it is shared through the manager's Redis
 * @param plain whether {@code createCache} made it from a configuration that is not a {@code
 *     DualCacheConfiguration}, for a name the file does not declare (as frameworks do)
 */
public record CacheFacts(
    String name, DualCacheConfiguration<?, ?> configuration, boolean shared, boolean plain) {}
