package io.dualcache.jcache;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.function.Supplier;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The MXBeans of one cache on the platform MBean server: the configuration ({@link
 * CacheConfigurationBean}), registered while management is enabled, and the statistics ({@link
 * CacheStatistics}) with the engine's figures ({@link DualCacheMetricsMXBean}), registered while
 * statistics are enabled; none once the cache is closed.
 *
 * <p>The JSR-107 names are the ones the TCK and monitoring tools (Micrometer's JCacheMetrics) look
 * up: {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>, Cache=<name>},
 * where {@code ,} {@code :} {@code =} and newlines in the URI and name become {@code .} (those
 * tools build the name the same way, so ObjectName.quote would break the lookup). The engine's bean
 * is named the same way in DualCache's own domain: {@code
 * io.dualcache:type=DualCacheMetrics,CacheManager=<uri>,Cache=<name>}.
 */
final class CacheMXBeans {

  private static final System.Logger LOG = System.getLogger(CacheMXBeans.class.getName());

  private final ObjectName configurationName;
  private final ObjectName statisticsName;
  private final ObjectName metricsName;
  private final CacheStatistics statistics;
  private final DualCacheMetricsMXBean metrics;
  private final Supplier<? extends CompleteConfiguration<?, ?>> configuration;

  /**
   * @param configuration a copy of the cache's current configuration, which the configuration bean
   *     reads on every call
   */
  CacheMXBeans(
      URI managerUri,
      String cacheName,
      CacheStatistics statistics,
      DualCacheMetricsMXBean metrics,
      Supplier<? extends CompleteConfiguration<?, ?>> configuration) {
    this.configurationName = objectName("javax.cache", "CacheConfiguration", managerUri, cacheName);
    this.statisticsName = objectName("javax.cache", "CacheStatistics", managerUri, cacheName);
    this.metricsName = objectName("io.dualcache", "DualCacheMetrics", managerUri, cacheName);
    this.statistics = statistics;
    this.metrics = metrics;
    this.configuration = configuration;
  }

  /** Registers the statistics bean and the engine's, or unregisters them. */
  void showStatistics(boolean registered) {
    if (registered) {
      register(statisticsName, statistics);
      register(metricsName, metrics);
    } else {
      unregister(statisticsName);
      unregister(metricsName);
    }
  }

  /** Registers the configuration bean, or unregisters it. */
  void showConfiguration(boolean registered) {
    if (registered) {
      register(configurationName, new CacheConfigurationBean(configuration));
    } else {
      unregister(configurationName);
    }
  }

  /** Unregisters all three. */
  void unregisterAll() {
    unregister(configurationName);
    unregister(statisticsName);
    unregister(metricsName);
  }

  private static ObjectName objectName(
      String domain, String type, URI managerUri, String cacheName) {
    String name =
        domain
            + ":type="
            + type
            + ",CacheManager="
            + safe(managerUri.toString())
            + ",Cache="
            + safe(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("cannot name the MXBean of cache " + cacheName + ": " + name, e);
    }
  }

  private static String safe(String part) {
    return part.replaceAll("[,:=\n]", ".");
  }

  /** Registers {@code bean} unless something is registered under that name already. */
  private static void register(ObjectName name, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException raced) {
      LOG.log(Level.DEBUG, "MXBean registered concurrently: " + name);
    } catch (JMException e) {
      throw new CacheException("cannot register MXBean " + name, e);
    }
  }

  /** Unregisters {@code name} if it is registered. */
  private static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException raced) {
      LOG.log(Level.DEBUG, "MXBean unregistered concurrently: " + name);
    } catch (JMException e) {
      throw new CacheException("cannot unregister MXBean " + name, e);
    }
  }

  /**
   * The name of a manager's own bean, {@code <domain>:type=<type>,CacheManager=<uri>}, the URI made
   * safe as for the cache beans.
   */
  static ObjectName managerBeanName(String domain, String type, URI managerUri) {
    String name = domain + ":type=" + type + ",CacheManager=" + safe(managerUri.toString());
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("cannot name the MXBean of cache manager " + managerUri, e);
    }
  }

  /**
   * Registers a manager's own bean unless something is registered under that name already (the
   * manager of the same URI in another class loader); returns whether it did.
   */
  static boolean registerManagerBean(ObjectName name, Object bean) {
    if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
      return false;
    }
    register(name, bean);
    return true;
  }

  /** Unregisters a manager's own bean if it is registered. */
  static void unregisterManagerBean(ObjectName name) {
    unregister(name);
  }
}
