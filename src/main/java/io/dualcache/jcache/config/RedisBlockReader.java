package io.dualcache.jcache.config;

import static io.dualcache.jcache.config.ConfigValues.describe;
import static io.dualcache.jcache.config.ConfigValues.line;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.dualcache.redis.SharedCodec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code dualcache.redis} block of a configuration file into {@link RedisSettings},
 * checking every key. Uses Typesafe Config; only {@link ConfigFileReader} calls it.
 */
final class RedisBlockReader {

  static final String URI = "uri";
  static final String KEY_PREFIX = "key-prefix";
  static final String COMMAND_TIMEOUT = "command-timeout";
  static final String CODEC = "codec";
  static final String ON_REDIS_DOWN = "on-redis-down";

  static final List<String> KEYS = List.of(URI, KEY_PREFIX, COMMAND_TIMEOUT, CODEC, ON_REDIS_DOWN);

  private final ConfigObject block;
  private final ConfigProblems problems;

  private RedisBlockReader(ConfigObject block, ConfigProblems problems) {
    this.block = block;
    this.problems = problems;
  }

  /** The settings of {@code block}; the codec class is looked up with {@code loader}. */
  static RedisSettings read(ConfigObject block, String source, ClassLoader loader) {
    return new RedisBlockReader(block, new ConfigProblems(source, "block \"redis\"")).read(loader);
  }

  private RedisSettings read(ClassLoader loader) {
    for (String key : Set.copyOf(block.keySet())) {
      if (!KEYS.contains(key)) {
        throw problems.at(key, line(block.get(key)), "is not a known key", String.join(", ", KEYS));
      }
    }
    String uri = string(URI, "redis://host:port/db or rediss://... (a password goes in the URI)");
    if (uri == null) {
      throw problems.at(URI, line(block.get(URI)), "is missing", "uri = \"redis://host:6379/0\"");
    }
    String prefix = string(KEY_PREFIX, "a non-empty string");
    Duration timeout = timeout();
    String codecName = string(CODEC, ClassSetting.acceptedImplementation(SharedCodec.class));
    Class<?> codec = null;
    if (codecName != null) {
      try {
        codec = ClassSetting.implementation(codecName, SharedCodec.class, loader);
      } catch (IllegalArgumentException e) {
        throw problems.at(
            CODEC,
            line(block.get(CODEC)),
            e.getMessage(),
            ClassSetting.acceptedImplementation(SharedCodec.class));
      }
    }
    RedisSettings.OnRedisDown down = RedisSettings.OnRedisDown.FAIL;
    String downText = string(ON_REDIS_DOWN, RedisSettings.OnRedisDown.accepted());
    if (downText != null) {
      down = RedisSettings.OnRedisDown.of(downText);
      if (down == null) {
        throw problems.at(
            ON_REDIS_DOWN,
            line(block.get(ON_REDIS_DOWN)),
            "is " + describe(block.get(ON_REDIS_DOWN)),
            RedisSettings.OnRedisDown.accepted());
      }
    }
    try {
      return new RedisSettings(
          uri,
          prefix == null ? RedisSettings.DEFAULT_PREFIX : prefix,
          timeout == null ? RedisSettings.DEFAULT_TIMEOUT : timeout,
          codec,
          down);
    } catch (IllegalArgumentException e) {
      throw problems.at(URI, line(block.get(URI)), e.getMessage(), "redis:// or rediss://");
    }
  }

  private String string(String key, String accepted) {
    ConfigValue value = block.get(key);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      return null;
    }
    if (value.valueType() != ConfigValueType.STRING) {
      throw problems.at(key, line(value), "is " + describe(value), accepted);
    }
    String text = ((String) value.unwrapped()).trim();
    if (text.isEmpty()) {
      throw problems.at(key, line(value), "is empty", accepted);
    }
    return text;
  }

  private Duration timeout() {
    ConfigValue value = block.get(COMMAND_TIMEOUT);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      return null;
    }
    String accepted = "a positive duration such as 500ms or 2s";
    Duration duration;
    try {
      duration = block.toConfig().getDuration(COMMAND_TIMEOUT);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw problems.at(COMMAND_TIMEOUT, line(value), "is " + describe(value), accepted);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw problems.at(
          COMMAND_TIMEOUT, line(value), describe(value) + " is not positive", accepted);
    }
    return duration;
  }
}
