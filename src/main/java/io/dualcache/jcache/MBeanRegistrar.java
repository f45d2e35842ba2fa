package io.dualcache.jcache;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's MXBeans with the platform MBean server under the names the JSR-107 TCK and
 * monitoring tools (Micrometer's JCacheMetrics) look up: {@code
 * javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}, where
 * {@code ,} {@code :} {@code =} and newlines in the URI and name become {@code .} (those tools
 * build the name the same way, so ObjectName.quote would break the lookup).
 */
final class MBeanRegistrar {

  private static final System.Logger LOG = System.getLogger(MBeanRegistrar.class.getName());

  /** The two kinds of cache MXBean. */
  enum Kind {
    CacheConfiguration,
    CacheStatistics
  }

  private MBeanRegistrar() {}

  static ObjectName objectName(Kind kind, URI managerUri, String cacheName) {
    String name =
        "javax.cache:type="
            + kind
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
  static void register(ObjectName name, Object bean) {
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
  static void unregister(ObjectName name) {
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
}
