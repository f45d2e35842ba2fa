package io.dualcache.jcache;

/**
 * The configuration report of a {@link DualCacheManager} over JMX, registered for every open
 * manager as {@code io.dualcache:type=DualCacheManagerReport,CacheManager=<uri>} (the URI quoted as
 * for the JSR-107 MXBeans: {@code ,} {@code :} {@code =} and newlines become {@code .}).
 */
public interface DualCacheManagerReportMXBean {

  /** The report as text: {@link DualCacheManager#report()}{@code .toString()}. */
  String report();
}
