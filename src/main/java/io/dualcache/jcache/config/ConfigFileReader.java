package io.dualcache.jcache.config;

import static io.dualcache.jcache.config.ConfigValues.describe;
import static io.dualcache.jcache.config.ConfigValues.line;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.cache.CacheException;

/**
 * Reads a configuration file (HOCON, JSON or Java properties, through Typesafe Config) into {@link
 * ManagerSettings}: the {@code dualcache} block with its {@code default} template, its {@code
 * caches}, the {@code preconfigure-unknown-caches} and {@code report} switches. Each cache block is
 * read on its own (so a message names the block that is wrong) and then falls back on the template.
 *
 * <p>The only entry into Typesafe Config: {@link ConfigFiles} checks that the library is present
 * before it calls this class.
 */
final class ConfigFileReader {

  static final String ROOT = "dualcache";
  static final String PRECONFIGURE = "preconfigure-unknown-caches";
  static final String TEMPLATE = "default";
  static final String CACHES = "caches";
  static final String REDIS = "redis";
  static final String REPORT = "report";

  private static final List<String> ROOT_KEYS =
      List.of(PRECONFIGURE, TEMPLATE, CACHES, REDIS, REPORT);

  private ConfigFileReader() {}

  /**
   * The settings in the file at {@code location}; classes are looked up with {@code loader}.
   *
   * @throws CacheException naming the file, the block, the key and what is accepted
   */
  static ManagerSettings read(ConfigLocation location, ClassLoader loader) {
    String source = location.toString();
    ConfigObject root = rootBlock(parse(location, loader), source);
    ConfigProblems fileProblems = new ConfigProblems(source, null);
    for (String key : root.keySet()) {
      if (!ROOT_KEYS.contains(key)) {
        throw fileProblems.at(
            ROOT + "." + key,
            line(root.get(key)),
            "is not a known key",
            String.join(", ", ROOT_KEYS));
      }
    }
    boolean preconfigure = preconfigureSwitch(root, fileProblems);
    boolean report = reportSwitch(root, fileProblems);

    ConfigProblems templateProblems = ConfigProblems.forTemplate(source);
    ConfigObject templateBlock = object(root, TEMPLATE, fileProblems);
    CacheSettings template =
        templateBlock == null
            ? CacheSettings.NONE
            : CacheBlockReader.read(templateBlock, templateProblems, loader);
    checkComplete(template, templateProblems, templateBlock);

    Map<String, CacheSettings> caches = new LinkedHashMap<>();
    ConfigObject cachesBlock = object(root, CACHES, fileProblems);
    if (cachesBlock != null) {
      // Sorted: HOCON objects keep no order, and creation order should not vary between runs.
      for (String name : new TreeSet<>(cachesBlock.keySet())) {
        ConfigProblems problems = ConfigProblems.forCache(source, name);
        ConfigObject block = object(cachesBlock, name, fileProblems, ROOT + "." + CACHES);
        CacheSettings settings =
            block == null
                ? template // a null block, like an empty one: the template's settings
                : CacheBlockReader.read(block, problems, loader).withFallback(template);
        checkComplete(settings, problems, block);
        caches.put(name, settings);
      }
    }
    ConfigObject redisBlock = object(root, REDIS, fileProblems);
    RedisSettings redis =
        redisBlock == null ? null : RedisBlockReader.read(redisBlock, source, loader);
    return new ManagerSettings(source, preconfigure, template, caches, redis, report);
  }

  private static Config parse(ConfigLocation location, ClassLoader loader) {
    ConfigParseOptions options =
        ConfigParseOptions.defaults().setAllowMissing(false).setClassLoader(loader);
    try {
      return ConfigFactory.parseURL(location.url(), options).resolve();
    } catch (ConfigException e) {
      throw new CacheException(location + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static ConfigObject rootBlock(Config file, String source) {
    ConfigValue root = file.root().get(ROOT);
    String accepted = "a block dualcache { " + String.join(", ", ROOT_KEYS) + " } (see the README)";
    ConfigProblems problems = new ConfigProblems(source, null);
    if (root == null) {
      throw problems.at(ROOT, 0, "is missing", accepted);
    }
    if (root.valueType() != ConfigValueType.OBJECT) {
      throw problems.at(ROOT, line(root), "is " + describe(root), accepted);
    }
    return (ConfigObject) root;
  }

  private static boolean preconfigureSwitch(ConfigObject root, ConfigProblems problems) {
    ConfigValue value = root.get(PRECONFIGURE);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      return false;
    }
    Object raw = value.unwrapped();
    if (raw instanceof Boolean on) {
      return on;
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return Boolean.parseBoolean((String) raw); // a .properties file has only strings
    }
    throw problems.at(
        ROOT + "." + PRECONFIGURE, line(value), "is " + describe(value), "true or false");
  }

  /** {@code report = on | off} (also true/false, yes/no); on when not set. */
  private static boolean reportSwitch(ConfigObject root, ConfigProblems problems) {
    ConfigValue value = root.get(REPORT);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      return true;
    }
    Object raw = value.unwrapped();
    if (raw instanceof Boolean on) {
      return on;
    }
    if (raw instanceof String text) {
      switch (text) {
        case "on", "true", "yes" -> {
          return true;
        }
        case "off", "false", "no" -> {
          return false;
        }
        default -> {}
      }
    }
    throw problems.at(ROOT + "." + REPORT, line(value), "is " + describe(value), "on or off");
  }

  private static ConfigObject object(ConfigObject parent, String key, ConfigProblems problems) {
    return object(parent, key, problems, ROOT);
  }

  private static ConfigObject object(
      ConfigObject parent, String key, ConfigProblems problems, String parentPath) {
    ConfigValue value = parent.get(key);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      return null;
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw problems.at(
          parentPath + "." + quoted(key),
          line(value),
          "is " + describe(value),
          "an object { ... }");
    }
    return (ConfigObject) value;
  }

  /** Checks what only the merged settings can tell: a read- or write-through cache's class. */
  private static void checkComplete(
      CacheSettings settings, ConfigProblems problems, ConfigObject block) {
    StandardSettings standard = settings.standard();
    if (Boolean.TRUE.equals(standard.readThrough()) && standard.loader() == null) {
      throw problems.at(
          CacheBlockReader.READ_THROUGH,
          line(block == null ? null : block.get(CacheBlockReader.READ_THROUGH)),
          "is true but no " + CacheBlockReader.LOADER + " is set (here or in the template)",
          "read-through = true together with loader = \"com.example.MyLoader\"");
    }
    if (Boolean.TRUE.equals(standard.writeThrough()) && standard.writer() == null) {
      throw problems.at(
          CacheBlockReader.WRITE_THROUGH,
          line(block == null ? null : block.get(CacheBlockReader.WRITE_THROUGH)),
          "is true but no " + CacheBlockReader.WRITER + " is set (here or in the template)",
          "write-through = true together with writer = \"com.example.MyWriter\"");
    }
  }

  private static String quoted(String key) {
    return key.contains(".") ? "\"" + key + "\"" : key;
  }
}
