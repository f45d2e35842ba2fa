package io.dualcache.jcache.report;

import io.dualcache.jcache.ConfigurationReport.CacheSummary;
import io.dualcache.jcache.ConfigurationReport.Finding;
import io.dualcache.jcache.ConfigurationReport.Kind;
import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.SerializingCopier;
import io.dualcache.jcache.usercode.ImmutableTypes;
import java.util.ArrayList;
import java.util.List;

/** The findings about one cache, each with the block of the configuration file that fixes it. */
final class Rules {

  /** The bound a snippet proposes when the cache has none. */
  static final String PROPOSED_SIZE = "maximum-size = 10000";

  /** The lifetime a snippet proposes when the cache has none to keep. */
  static final String PROPOSED_LIFETIME = "expire-after-write = 10m";

  /** Hibernate's update timestamps must outlive the query results they vouch for: no lifetime. */
  static final String HIBERNATE_TIMESTAMPS = "default-update-timestamps-region";

  private Rules() {}

  static List<Finding> of(CacheFacts facts, CacheSummary summary, Expiries expiry) {
    String name = facts.name();
    DualCacheConfiguration<?, ?> configuration = facts.configuration();
    boolean unbounded =
        configuration.getMaximumSize().isEmpty() && configuration.getMaximumWeight().isEmpty();
    boolean copies = configuration.isStoreByValue() && !knownImmutable(configuration);
    List<Finding> findings = new ArrayList<>();
    if (unbounded) {
      findings.add(
          new Finding(
              name,
              Kind.UNBOUNDED,
              "cache \"" + name + "\" is unbounded: it grows until the heap is full",
              Hocon.cacheBlock(name, PROPOSED_SIZE)));
    }
    if (facts.plain()) {
      findings.add(plain(name, summary, copies));
    }
    if (copies) {
      findings.add(
          new Finding(
              name,
              Kind.STORE_BY_VALUE_NOT_IMMUTABLE,
              "cache \""
                  + name
                  + "\" stores by value and its values ("
                  + summary.valueType()
                  + ") are not known immutable: every read and write copies"
                  + (serializes(configuration) ? " (serializes)" : "")
                  + " them",
              Hocon.cacheBlock(name, byValueFix(configuration, facts.shared()))));
    }
    if (expiry.access() != null) {
      Object lifetime = expiry.access().isEternal() ? null : Hocon.duration(expiry.access());
      findings.add(
          new Finding(
              name,
              Kind.ACCESS_EXPIRY,
              "cache \""
                  + name
                  + "\" has an access-expiry policy ("
                  + expiry.policyClass()
                  + "): every hit calls it and moves the entry's deadline",
              Hocon.cacheBlock(name, writeExpiry(expiry, lifetime))));
    }
    if (!configuration.isStatisticsEnabled()) {
      findings.add(
          new Finding(
              name,
              Kind.STATISTICS_OFF,
              "cache \"" + name + "\" counts no statistics: no hit ratio in JMX or Micrometer",
              Hocon.cacheBlock(name, "statistics = true")));
    }
    return findings;
  }

  /**
   * Write expiry instead, with the access key that set the policy set to null (unset), so the
   * snippet can be appended to a file that sets it.
   */
  private static String writeExpiry(Expiries expiry, Object lifetime) {
    String unset =
        expiry.description().startsWith("expire-after-access")
            ? "expire-after-access = null, "
            : "expiry-policy-factory = null, ";
    return unset + (lifetime == null ? PROPOSED_LIFETIME : "expire-after-write = " + lifetime);
  }

  /**
   * A framework's cache: declaring it makes the manager create it from the file, so the framework
   * finds it and creates nothing.
   */
  private static Finding plain(String name, CacheSummary summary, boolean copies) {
    String bound = summary.bound().equals("unbounded") ? PROPOSED_SIZE : summary.bound();
    String settings =
        bound
            + (name.equals(HIBERNATE_TIMESTAMPS) ? "" : ", " + PROPOSED_LIFETIME)
            + (copies ? ", store-by-value = false" : "")
            + ", statistics = true";
    return new Finding(
        name,
        Kind.PLAIN_CONFIGURATION,
        "cache \""
            + name
            + "\" was created by a framework from a plain configuration (createCache with a JSR-107"
            + " configuration, and no block of that name in the file): it keeps that"
            + " configuration's settings ("
            + summary.expiry()
            + ", "
            + (summary.storeByValue() ? "store-by-value" : "store-by-reference")
            + ", statistics "
            + (summary.statistics() ? "on" : "off")
            + "); declare it (or set preconfigure-unknown-caches = true)",
        Hocon.cacheBlock(name, settings));
  }

  /** Whether the cache copies with the default copier, Java serialization. */
  private static boolean serializes(DualCacheConfiguration<?, ?> configuration) {
    return configuration.getCopier() == null
        || configuration.getCopier() == SerializingCopier.INSTANCE;
  }

  /** Whether the value type's instances are known never to change, so no copy is made. */
  private static boolean knownImmutable(DualCacheConfiguration<?, ?> configuration) {
    Class<?> type = configuration.getValueType();
    return ImmutableTypes.isImmutableType(type) || configuration.getImmutableTypes().contains(type);
  }

  /**
   * Store-by-reference, unless the cache is shared (a shared cache must copy, so its value class is
   * declared immutable instead, when it is a class of its own).
   */
  private static String byValueFix(DualCacheConfiguration<?, ?> configuration, boolean shared) {
    Class<?> type = configuration.getValueType();
    if (shared && type != Object.class && !type.isInterface()) {
      return "immutable-types = [ " + Hocon.quoted(type.getName()) + " ]";
    }
    return "store-by-value = false";
  }
}
