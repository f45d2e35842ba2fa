package io.dualcache.jcache.report;

import io.dualcache.jcache.ConfigurationReport;
import io.dualcache.jcache.ConfigurationReport.CacheSummary;
import io.dualcache.jcache.ConfigurationReport.Finding;
import io.dualcache.jcache.DualCacheConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;

/** Builds the configuration report of a manager from the facts of its open caches. */
public final class Reports {

  private Reports() {}

  /** The report of the manager {@code manager} with the file {@code source} (null without one). */
  public static ConfigurationReport build(URI manager, String source, List<CacheFacts> caches) {
    List<CacheFacts> sorted = new ArrayList<>(caches);
    sorted.sort(Comparator.comparing(CacheFacts::name));
    List<CacheSummary> summaries = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (CacheFacts facts : sorted) {
      DualCacheConfiguration<?, ?> configuration = facts.configuration();
      Expiries expiry = Expiries.of(configuration.getExpiryPolicyFactory());
      CacheSummary summary =
          new CacheSummary(
              facts.name(),
              configuration.getKeyType().getName(),
              configuration.getValueType().getName(),
              bound(configuration),
              expiry.description(),
              configuration.isStoreByValue(),
              configuration.isStatisticsEnabled(),
              configuration.isManagementEnabled(),
              describe(configuration.getCacheLoaderFactory()),
              describe(configuration.getCacheWriterFactory()),
              configuration.isReadThrough(),
              configuration.isWriteThrough(),
              facts.shared(),
              configuration
                  .getRefreshAfterWrite()
                  .map(age -> Hocon.duration(new Duration(TimeUnit.MILLISECONDS, age.toMillis())))
                  .orElse(null));
      summaries.add(summary);
      findings.addAll(Rules.of(facts, summary, expiry));
    }
    return new ConfigurationReport(manager, source, summaries, findings);
  }

  private static String bound(DualCacheConfiguration<?, ?> configuration) {
    if (configuration.getMaximumSize().isPresent()) {
      return "maximum-size = " + configuration.getMaximumSize().getAsLong();
    }
    if (configuration.getMaximumWeight().isPresent()) {
      return "maximum-weight = "
          + configuration.getMaximumWeight().getAsLong()
          + ", weigher = "
          + Hocon.quoted(configuration.getWeigher().getClass().getName());
    }
    return "unbounded";
  }

  /**
   * A factory's own text when it has one (the file's factories name their class), else its class.
   */
  private static String describe(Factory<?> factory) {
    if (factory == null) {
      return null;
    }
    try {
      if (factory.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
        return factory.toString();
      }
    } catch (NoSuchMethodException | RuntimeException e) {
      // fall through: the class name
    }
    return factory.getClass().getName();
  }
}
