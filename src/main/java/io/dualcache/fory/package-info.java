/**
 * The fast store-by-value copier, {@link io.dualcache.fory.ForyCopier}: copies by walking the
 * object graph with Apache Fory ({@code org.apache.fory:fory-core}, an optional dependency), and by
 * Java serialization the classes whose copy Java serialization defines differently (see {@code
 * SerializationOnly}). Chosen with {@code copier = fory} in a cache block of the configuration
 * file, or {@code DualCacheConfiguration.setCopier(new ForyCopier())}.
 */
package io.dualcache.fory;
