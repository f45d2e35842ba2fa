package io.dualcache.jcache;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The report MXBean of one manager, {@code io.dualcache:type=DualCacheManagerReport,
 * CacheManager=<uri>}. It holds its manager weakly: a manager that is never closed must not be
 * kept, with its class loader, by the platform MBean server. The bean of a manager that is gone is
 * replaced by the next manager of that URI.
 */
final class ManagerReportBean implements DualCacheManagerReportMXBean {

  /** The beans this class registered, by name. Guarded by itself. */
  private static final Map<ObjectName, ManagerReportBean> REGISTERED = new HashMap<>();

  private final WeakReference<DualCacheManager> manager;
  private final ObjectName name;

  private ManagerReportBean(DualCacheManager manager, ObjectName name) {
    this.manager = new WeakReference<>(manager);
    this.name = name;
  }

  /**
   * Registers the bean of {@code manager}; returns it, or null when the name is taken by the
   * manager of the same URI in another class loader, which is still there.
   */
  static ManagerReportBean register(DualCacheManager manager) {
    ObjectName name =
        CacheMXBeans.managerBeanName("io.dualcache", "DualCacheManagerReport", manager.getURI());
    ManagerReportBean bean = new ManagerReportBean(manager, name);
    synchronized (REGISTERED) {
      ManagerReportBean old = REGISTERED.get(name);
      if (old != null && old.manager.get() == null) {
        REGISTERED.remove(name);
        CacheMXBeans.unregisterManagerBean(name);
      }
      if (!CacheMXBeans.registerManagerBean(name, bean)) {
        return null;
      }
      REGISTERED.put(name, bean);
    }
    return bean;
  }

  /** Unregisters this bean, if it is still the one registered. */
  void unregister() {
    synchronized (REGISTERED) {
      if (REGISTERED.remove(name, this)) {
        CacheMXBeans.unregisterManagerBean(name);
      }
    }
  }

  @Override
  public String report() {
    DualCacheManager open = manager.get();
    if (open == null) {
      throw new IllegalStateException("the cache manager of " + name + " is gone");
    }
    return open.report().toString();
  }
}
