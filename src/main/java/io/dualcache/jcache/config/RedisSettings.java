package io.dualcache.jcache.config;

import io.dualcache.redis.SharedCodec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import javax.cache.CacheException;

/**
 * Where a cache manager shares its caches: the {@code dualcache.redis} block of its configuration
 * file, or the manager's {@code dualcache.redis.*} properties (which win, key by key). {@link
 * #toString()} shows the address without the password.
 *
 * @param uri {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...}
 * @param keyPrefix the first part of every Redis key of the manager's caches
 * @param commandTimeout how long one Redis command may take
 * @param codec a class implementing {@link SharedCodec}, or null for the default (compact forms for
 *     strings and numbers, Java serialization for the rest)
 * @param onRedisDown what a read does when Redis cannot be reached
 */
public record RedisSettings(
    String uri,
    String keyPrefix,
    Duration commandTimeout,
    Class<?> codec,
    OnRedisDown onRedisDown) {

  /** The properties a manager reads; each one overrides the file's key of the same name. */
  public static final String URI = "dualcache.redis.uri";

  public static final String KEY_PREFIX = "dualcache.redis.key-prefix";
  public static final String COMMAND_TIMEOUT = "dualcache.redis.command-timeout";
  public static final String CODEC = "dualcache.redis.codec";
  public static final String ON_REDIS_DOWN = "dualcache.redis.on-redis-down";

  static final String DEFAULT_PREFIX = "dualcache";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** What a read of a shared cache does when Redis cannot be reached. */
  public enum OnRedisDown {
    /** Throws a {@code CacheException} naming the cache and the Redis address. */
    FAIL,
    /**
     * Calls the cache's loader, when it has one, and returns what it loaded without storing it
     * (writes still fail); a cache without a loader fails as with {@link #FAIL}.
     */
    LOAD;

    /** The setting as the file writes it. */
    String setting() {
      return name().toLowerCase(Locale.ROOT);
    }

    static OnRedisDown of(String text) {
      for (OnRedisDown value : values()) {
        if (value.setting().equals(text)) {
          return value;
        }
      }
      return null;
    }

    static String accepted() {
      return "fail or load";
    }
  }

  /** Checks the settings. */
  public RedisSettings {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
      throw new IllegalArgumentException(
          "the Redis URI must start with redis:// or rediss://, not " + redact(uri));
    }
    if (keyPrefix.isEmpty()) {
      throw new IllegalArgumentException("the Redis key prefix must not be empty");
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("the Redis command timeout must be positive");
    }
  }

  /**
   * The settings of a manager: {@code file} (null: no {@code redis} block) with each property of
   * {@code properties} that is set in its place; null if neither gives a URI.
   *
   * @throws CacheException if a property is wrong
   */
  public static RedisSettings of(RedisSettings file, Properties properties, ClassLoader loader) {
    String uri = properties.getProperty(URI, file == null ? null : file.uri);
    if (uri == null) {
      return null;
    }
    try {
      String prefix =
          properties.getProperty(KEY_PREFIX, file == null ? DEFAULT_PREFIX : file.keyPrefix);
      Duration timeout = file == null ? DEFAULT_TIMEOUT : file.commandTimeout;
      String timeoutText = properties.getProperty(COMMAND_TIMEOUT);
      if (timeoutText != null) {
        timeout = parseDuration(timeoutText);
      }
      Class<?> codec = file == null ? null : file.codec;
      String codecName = properties.getProperty(CODEC);
      if (codecName != null) {
        codec = ClassSetting.implementation(codecName.trim(), SharedCodec.class, loader);
      }
      OnRedisDown down = file == null ? OnRedisDown.FAIL : file.onRedisDown;
      String downText = properties.getProperty(ON_REDIS_DOWN);
      if (downText != null) {
        down = OnRedisDown.of(downText.trim());
        if (down == null) {
          throw new IllegalArgumentException(
              ON_REDIS_DOWN + " is \"" + downText + "\"; accepted: " + OnRedisDown.accepted());
        }
      }
      return new RedisSettings(uri, prefix, timeout, codec, down);
    } catch (IllegalArgumentException e) {
      throw new CacheException("the dualcache.redis properties: " + e.getMessage(), e);
    }
  }

  /** A duration as a property gives it: ISO-8601 ({@code PT2S}) or milliseconds. */
  private static Duration parseDuration(String text) {
    String trimmed = text.trim();
    try {
      return trimmed.toUpperCase(Locale.ROOT).startsWith("P")
          ? Duration.parse(trimmed)
          : Duration.ofMillis(Long.parseLong(trimmed));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          COMMAND_TIMEOUT + " is \"" + text + "\"; accepted: milliseconds or ISO-8601 (PT2S)", e);
    }
  }

  /**
   * A new instance of the configured codec, or null for the default.
   *
   * @throws CacheException if its constructor fails
   */
  public SharedCodec newCodec() {
    return codec == null
        ? null
        : new InstanceFactory<SharedCodec>(codec.asSubclass(SharedCodec.class)).create();
  }

  /** {@code uri} without the password. */
  public String address() {
    return redact(uri);
  }

  private static String redact(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return uri;
    }
    return uri.substring(0, scheme + 3) + uri.substring(at + 1);
  }

  @Override
  public String toString() {
    return "RedisSettings[uri="
        + address()
        + ", keyPrefix="
        + keyPrefix
        + ", commandTimeout="
        + commandTimeout
        + ", codec="
        + (codec == null ? "default" : codec.getName())
        + ", onRedisDown="
        + onRedisDown.setting()
        + "]";
  }
}
