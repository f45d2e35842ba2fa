package io.dualcache.jcache;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DualCacheManager} says about itself ({@link DualCacheManager#report()}): each open
 * cache with its effective settings, and the findings, each with the configuration-file snippet
 * that fixes it. Immutable; {@link #toString()} renders it as text (the manager's report MXBean
 * operation returns that text).
 *
 * @param manager the manager's URI
 * @param source the manager's configuration file as its user named it, or null without one
 * @param caches the open caches, by name
 * @param findings the findings, by cache name and then kind
 */
public record ConfigurationReport(
    URI manager, String source, List<CacheSummary> caches, List<Finding> findings) {

  /** Copies the lists. */
  public ConfigurationReport {
    Objects.requireNonNull(manager, "manager must not be null");
    caches = List.copyOf(caches);
    findings = List.copyOf(findings);
  }

  /**
   * The effective settings of one cache.
   *
   * @param name the cache's name
   * @param keyType the key type's name
   * @param valueType the value type's name
   * @param bound {@code maximum-size = N}, {@code maximum-weight = N (weigher C)} or {@code
   *     unbounded}
   * @param expiry {@code eternal}, a file key such as {@code expire-after-write = 10m}, or the
   *     policy's class with its three durations
   * @param storeByValue whether reads and writes copy
   * @param statistics whether statistics are counted
   * @param management whether the configuration MXBean is registered
   * @param loader the loader's factory, or null
   * @param writer the writer's factory, or null
   * @param readThrough whether a miss loads
   * @param writeThrough whether a write writes through
   * @param shared whether the cache is shared through the manager's Redis (else local)
   * @param refreshAfterWrite the refresh-ahead age as the file writes it, or null when off
   */
  public record CacheSummary(
      String name,
      String keyType,
      String valueType,
      String bound,
      String expiry,
      boolean storeByValue,
      boolean statistics,
      boolean management,
      String loader,
      String writer,
      boolean readThrough,
      boolean writeThrough,
      boolean shared,
      String refreshAfterWrite) {

    @Override
    public String toString() {
      return "cache \""
          + name
          + "\": "
          + keyType
          + " -> "
          + valueType
          + ", "
          + bound
          + ", "
          + expiry
          + ", "
          + (storeByValue ? "store-by-value" : "store-by-reference")
          + ", statistics "
          + (statistics ? "on" : "off")
          + ", management "
          + (management ? "on" : "off")
          + (loader == null ? "" : ", loader " + loader)
          + (readThrough ? " (read-through)" : "")
          + (writer == null ? "" : ", writer " + writer)
          + (writeThrough ? " (write-through)" : "")
          + (refreshAfterWrite == null ? "" : ", refresh-after-write " + refreshAfterWrite)
          + (shared ? ", shared" : ", local");
    }
  }

  /** What a finding is about. */
  public enum Kind {
    /** No maximum size or weight: the cache grows until the heap is full. */
    UNBOUNDED,
    /** Made by {@code createCache} from a plain JSR-107 configuration, as frameworks do. */
    PLAIN_CONFIGURATION,
    /** Store-by-value with values not known immutable: each read and write copies. */
    STORE_BY_VALUE_NOT_IMMUTABLE,
    /** An access-expiry policy: a call and a deadline write on every hit. */
    ACCESS_EXPIRY,
    /** No statistics: no hit ratio to watch. */
    STATISTICS_OFF
  }

  /**
   * A mistake in the configuration of one cache.
   *
   * @param cache the cache's name
   * @param kind what it is about
   * @param message what is wrong and what it costs
   * @param snippet the configuration file's text that fixes it, {@code dualcache { caches {
   *     "<name>" { ... } } }}
   */
  public record Finding(String cache, Kind kind, String message, String snippet) {

    @Override
    public String toString() {
      return message + "; fix: " + snippet;
    }
  }

  /** The report as text: a header, a line per cache and a line per finding. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("DualCache configuration report of cache manager ");
    text.append(manager)
        .append(source == null ? " (no configuration file)" : " (file " + source + ")")
        .append('\n')
        .append(caches.size())
        .append(caches.size() == 1 ? " cache" : " caches")
        .append(caches.isEmpty() ? "\n" : ":\n");
    for (CacheSummary cache : caches) {
      text.append("  ").append(cache).append('\n');
    }
    text.append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
    text.append(findings.isEmpty() ? "\n" : ":\n");
    for (Finding finding : findings) {
      text.append("  ").append(finding).append('\n');
    }
    return text.toString();
  }
}
