/**
 * Micrometer meters for DualCache caches ({@link io.dualcache.micrometer.DualCacheMetrics}).
 * Optional: needs {@code io.micrometer:micrometer-core} (1.16 or later) on the class or module
 * path; nothing else in DualCache loads it.
 */
package io.dualcache.micrometer;
