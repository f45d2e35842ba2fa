/**
 * Caches shared across JVMs through Redis (preview, engine API): a {@link
 * io.dualcache.redis.RedisSharing} per application holds the Redis connection with client-side
 * tracking, and each {@link io.dualcache.redis.SharedCache} reads through a near cache (an engine
 * {@link io.dualcache.engine.DualCache}) that invalidations from Redis keep fresh. Needs the
 * optional dependency {@code io.lettuce:lettuce-core}.
 */
package io.dualcache.redis;
