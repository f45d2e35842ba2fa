package io.dualcache.jcache.config;

import java.util.List;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The settings of a configured cache that JSR-107 itself has: types, store-by-value, statistics,
 * management, expiry, read-through and write-through, listeners. A configuration file applies them
 * to the caches it declares and to those it pre-configures from its template, never to a cache made
 * by {@code createCache(name, configuration)}, whose configuration has them all. Null means "not
 * set" (the JSR-107 default applies).
 *
 * @param loader a class implementing {@link javax.cache.integration.CacheLoader}, or null
 * @param writer a class implementing {@link javax.cache.integration.CacheWriter}, or null
 */
record StandardSettings(
    Class<?> keyType,
    Class<?> valueType,
    Boolean storeByValue,
    Boolean statistics,
    Boolean management,
    Factory<ExpiryPolicy> expiry,
    Boolean readThrough,
    Class<?> loader,
    Boolean writeThrough,
    Class<?> writer,
    List<ListenerSettings> listeners) {

  static final StandardSettings NONE =
      new StandardSettings(null, null, null, null, null, null, null, null, null, null, null);

  /** These settings without a lifetime: entries that never expire. */
  StandardSettings eternal() {
    return new StandardSettings(
        keyType,
        valueType,
        storeByValue,
        statistics,
        management,
        null,
        readThrough,
        loader,
        writeThrough,
        writer,
        listeners);
  }

  /** These settings, with each one not set here taken from {@code template}. */
  StandardSettings withFallback(StandardSettings template) {
    return new StandardSettings(
        keyType != null ? keyType : template.keyType,
        valueType != null ? valueType : template.valueType,
        storeByValue != null ? storeByValue : template.storeByValue,
        statistics != null ? statistics : template.statistics,
        management != null ? management : template.management,
        expiry != null ? expiry : template.expiry,
        readThrough != null ? readThrough : template.readThrough,
        loader != null ? loader : template.loader,
        writeThrough != null ? writeThrough : template.writeThrough,
        writer != null ? writer : template.writer,
        listeners != null ? listeners : template.listeners);
  }

  /**
   * Sets what is set here on {@code configuration}, except the types, which the caller chose. The
   * loader and writer classes were checked by the reader.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the reader checked the interfaces
  <K, V> void applyTo(MutableConfiguration<K, V> configuration) {
    if (storeByValue != null) {
      configuration.setStoreByValue(storeByValue);
    }
    if (statistics != null) {
      configuration.setStatisticsEnabled(statistics);
    }
    if (management != null) {
      configuration.setManagementEnabled(management);
    }
    if (expiry != null) {
      configuration.setExpiryPolicyFactory(expiry);
    }
    if (loader != null) {
      configuration.setCacheLoaderFactory(new InstanceFactory(loader));
    }
    if (readThrough != null) {
      configuration.setReadThrough(readThrough);
    }
    if (writer != null) {
      configuration.setCacheWriterFactory(new InstanceFactory(writer));
    }
    if (writeThrough != null) {
      configuration.setWriteThrough(writeThrough);
    }
    if (listeners != null) {
      for (ListenerSettings listener : listeners) {
        configuration.addCacheEntryListenerConfiguration(listener.<K, V>toConfiguration());
      }
    }
  }
}
