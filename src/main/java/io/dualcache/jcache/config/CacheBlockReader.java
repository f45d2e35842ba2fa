package io.dualcache.jcache.config;

import static io.dualcache.jcache.config.ConfigValues.describe;
import static io.dualcache.jcache.config.ConfigValues.line;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.dualcache.engine.Limits;
import io.dualcache.engine.Weigher;
import io.dualcache.jcache.usercode.Closeables;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Reads one cache block of a configuration file (a cache under {@code caches}, or the {@code
 * default} template) into {@link CacheSettings}, checking every key: unknown keys, wrong types,
 * values out of range, classes that are missing, of the wrong kind or without a no-argument
 * constructor, and settings that cannot go together all fail with a {@link ConfigProblems} message.
 * Uses Typesafe Config; only {@link ConfigFileReader} calls it.
 */
final class CacheBlockReader {

  static final String KEY_TYPE = "key-type";
  static final String VALUE_TYPE = "value-type";
  static final String STORE_BY_VALUE = "store-by-value";
  static final String STATISTICS = "statistics";
  static final String MANAGEMENT = "management";
  static final String EXPIRE_AFTER_WRITE = "expire-after-write";
  static final String EXPIRE_AFTER_ACCESS = "expire-after-access";
  static final String EXPIRE_AFTER_CREATION = "expire-after-creation";
  static final String EXPIRY_POLICY_FACTORY = "expiry-policy-factory";
  static final String READ_THROUGH = "read-through";
  static final String LOADER = "loader";
  static final String WRITE_THROUGH = "write-through";
  static final String WRITER = "writer";
  static final String LISTENERS = "listeners";
  static final String MAXIMUM_SIZE = "maximum-size";
  static final String MAXIMUM_WEIGHT = "maximum-weight";
  static final String WEIGHER = "weigher";
  static final String INITIAL_CAPACITY = "initial-capacity";
  static final String HOT_TIERS = "hot-tiers";
  static final String TICK_DURATION = "tick-duration";
  static final String CONCURRENCY_LEVEL = "concurrency-level";
  static final String EXECUTOR = "executor";
  static final String SHARED = "shared";
  static final String IMMUTABLE_TYPES = "immutable-types";
  static final String REFRESH_AFTER_WRITE = "refresh-after-write";
  static final String COPIER = "copier";

  /** Every key a cache block accepts, in the order the README documents them. */
  static final List<String> KEYS =
      List.of(
          KEY_TYPE,
          VALUE_TYPE,
          STORE_BY_VALUE,
          STATISTICS,
          MANAGEMENT,
          EXPIRE_AFTER_WRITE,
          EXPIRE_AFTER_ACCESS,
          EXPIRE_AFTER_CREATION,
          EXPIRY_POLICY_FACTORY,
          READ_THROUGH,
          LOADER,
          WRITE_THROUGH,
          WRITER,
          LISTENERS,
          MAXIMUM_SIZE,
          MAXIMUM_WEIGHT,
          WEIGHER,
          INITIAL_CAPACITY,
          HOT_TIERS,
          TICK_DURATION,
          CONCURRENCY_LEVEL,
          EXECUTOR,
          SHARED,
          IMMUTABLE_TYPES,
          REFRESH_AFTER_WRITE,
          COPIER);

  private static final List<String> HOT_TIER_KEYS = List.of("t1-slots", "t2-slots");
  private static final List<String> LISTENER_KEYS =
      List.of("class", "filter", "old-value-required", "synchronous");
  private static final List<String> EXPIRY_KEYS =
      List.of(
          EXPIRE_AFTER_WRITE, EXPIRE_AFTER_ACCESS, EXPIRE_AFTER_CREATION, EXPIRY_POLICY_FACTORY);

  private static final String WHOLE_NUMBER = "a whole number, 0 or more";
  private static final String BOOLEAN = "true or false";
  private static final String DURATION =
      "a positive duration such as 500ms, 30s, 10m, 2h or 1d (a bare number is milliseconds)";

  private final ConfigObject block;
  private final ConfigProblems problems;
  private final ClassLoader loader;

  private CacheBlockReader(ConfigObject block, ConfigProblems problems, ClassLoader loader) {
    this.block = block;
    this.problems = problems;
    this.loader = loader;
  }

  /** The settings of {@code block}; classes are looked up with {@code loader}. */
  static CacheSettings read(ConfigObject block, ConfigProblems problems, ClassLoader loader) {
    return new CacheBlockReader(block, problems, loader).read();
  }

  private CacheSettings read() {
    checkKeys(block, KEYS, "");
    StandardSettings standard =
        new StandardSettings(
            type(KEY_TYPE),
            type(VALUE_TYPE),
            bool(block, STORE_BY_VALUE, ""),
            bool(block, STATISTICS, ""),
            bool(block, MANAGEMENT, ""),
            expiry(),
            bool(block, READ_THROUGH, ""),
            implementation(block, LOADER, "", CacheLoader.class),
            bool(block, WRITE_THROUGH, ""),
            implementation(block, WRITER, "", CacheWriter.class),
            listeners());
    Integer[] hotTiers = hotTiers();
    EngineSettings engine =
        new EngineSettings(
            bound(),
            wholeNumber(block, INITIAL_CAPACITY, ""),
            hotTiers[0],
            hotTiers[1],
            tickDuration(),
            concurrencyLevel(),
            implementation(block, EXECUTOR, "", Executor.class),
            bool(block, SHARED, ""),
            immutableTypes(),
            duration(block, REFRESH_AFTER_WRITE, ""),
            copier());
    return new CacheSettings(standard, engine);
  }

  // ---------------------------------------------------------------- groups of keys

  private Bound bound() {
    Long size = wholeNumber(block, MAXIMUM_SIZE, "");
    Long weight = wholeNumber(block, MAXIMUM_WEIGHT, "");
    Class<?> weigher = implementation(block, WEIGHER, "", Weigher.class);
    if (size != null && weight != null) {
      throw problems.at(
          MAXIMUM_WEIGHT,
          line(block.get(MAXIMUM_WEIGHT)),
          "cannot be combined with " + MAXIMUM_SIZE,
          "either " + MAXIMUM_SIZE + ", or " + MAXIMUM_WEIGHT + " with " + WEIGHER);
    }
    if (weight != null && weigher == null) {
      throw problems.at(
          MAXIMUM_WEIGHT,
          line(block.get(MAXIMUM_WEIGHT)),
          "needs a " + WEIGHER + " in the same block",
          MAXIMUM_WEIGHT + " together with " + WEIGHER + " = \"com.example.MyWeigher\"");
    }
    if (weigher != null && weight == null) {
      throw problems.at(
          WEIGHER,
          line(block.get(WEIGHER)),
          "is only used with " + MAXIMUM_WEIGHT + ", which this block does not set",
          WEIGHER + " together with " + MAXIMUM_WEIGHT);
    }
    if (size != null) {
      return Bound.size(size);
    }
    return weight != null ? Bound.weight(weight, weigher) : null;
  }

  private Factory<ExpiryPolicy> expiry() {
    String chosen = null;
    for (String key : EXPIRY_KEYS) {
      if (isSet(block, key)) {
        if (chosen != null) {
          throw problems.at(
              key,
              line(block.get(key)),
              "cannot be combined with " + chosen,
              "one of " + String.join(", ", EXPIRY_KEYS));
        }
        chosen = key;
      }
    }
    if (chosen == null) {
      return null;
    }
    if (chosen.equals(EXPIRY_POLICY_FACTORY)) {
      return expiryPolicyFactory();
    }
    Duration given = duration(block, chosen, "");
    if (!given.truncatedTo(ChronoUnit.MILLIS).equals(given)) {
      throw problems.at(
          chosen,
          line(block.get(chosen)),
          "JSR-107 counts a lifetime in whole milliseconds, and " + given + " is not",
          "a duration of whole milliseconds, such as 2ms or 10m");
    }
    javax.cache.expiry.Duration lifetime =
        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, given.toMillis());
    return switch (chosen) {
      case EXPIRE_AFTER_WRITE -> ModifiedExpiryPolicy.factoryOf(lifetime);
      case EXPIRE_AFTER_ACCESS -> TouchedExpiryPolicy.factoryOf(lifetime);
      default -> CreatedExpiryPolicy.factoryOf(lifetime);
    };
  }

  /**
   * The factory class, instantiated once and asked for one policy now, so that a factory of
   * something else fails here rather than when a cache is first used.
   */
  private Factory<ExpiryPolicy> expiryPolicyFactory() {
    Class<?> type = implementation(block, EXPIRY_POLICY_FACTORY, "", Factory.class);
    int line = line(block.get(EXPIRY_POLICY_FACTORY));
    String accepted =
        ClassSetting.acceptedImplementation(Factory.class) + " that makes ExpiryPolicy";
    Object made;
    Factory<?> factory;
    try {
      factory = (Factory<?>) new InstanceFactory<>(type).create();
      made = factory.create();
    } catch (RuntimeException e) {
      throw problems.at(EXPIRY_POLICY_FACTORY, line, "failed: " + e, accepted);
    }
    Closeables.closeQuietly(made, "trial expiry policy of " + type.getName());
    if (!(made instanceof ExpiryPolicy)) {
      throw problems.at(
          EXPIRY_POLICY_FACTORY,
          line,
          type.getName() + " made " + (made == null ? "null" : "a " + made.getClass().getName()),
          accepted);
    }
    @SuppressWarnings("unchecked") // its create() was just seen to make an ExpiryPolicy
    Factory<ExpiryPolicy> policies = (Factory<ExpiryPolicy>) factory;
    return policies;
  }

  private List<ListenerSettings> listeners() {
    if (!isSet(block, LISTENERS)) {
      return null;
    }
    ConfigValue value = block.get(LISTENERS);
    String accepted = "a list of objects with the keys " + String.join(", ", LISTENER_KEYS);
    if (value.valueType() != ConfigValueType.LIST) {
      throw problems.at(LISTENERS, line(value), "is " + describe(value), accepted);
    }
    List<ListenerSettings> listeners = new ArrayList<>();
    List<?> items = (List<?>) value;
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = (ConfigValue) items.get(i);
      String prefix = LISTENERS + "[" + i + "].";
      if (item.valueType() != ConfigValueType.OBJECT) {
        throw problems.at(LISTENERS + "[" + i + "]", line(item), "is " + describe(item), accepted);
      }
      ConfigObject listener = (ConfigObject) item;
      checkKeys(listener, LISTENER_KEYS, prefix);
      Class<?> type = implementation(listener, "class", prefix, CacheEntryListener.class);
      if (type == null) {
        throw problems.at(
            prefix + "class",
            line(item),
            "is missing",
            ClassSetting.acceptedImplementation(CacheEntryListener.class));
      }
      Class<?> filter = implementation(listener, "filter", prefix, CacheEntryEventFilter.class);
      Boolean oldValueRequired = bool(listener, "old-value-required", prefix);
      Boolean synchronous = bool(listener, "synchronous", prefix);
      listeners.add(
          new ListenerSettings(
              type,
              filter,
              Boolean.TRUE.equals(oldValueRequired),
              Boolean.TRUE.equals(synchronous)));
    }
    return List.copyOf(listeners);
  }

  /** {t1, t2}; both null when the block does not set hot tiers. */
  private Integer[] hotTiers() {
    if (!isSet(block, HOT_TIERS)) {
      return new Integer[2];
    }
    ConfigValue value = block.get(HOT_TIERS);
    String accepted =
        "an object { t1-slots = "
            + Limits.T1_SLOTS
            + ", t2-slots = "
            + Limits.T2_SLOTS
            + " }, or t1-slots = 0 and t2-slots = 0 for none";
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw problems.at(HOT_TIERS, line(value), "is " + describe(value), accepted);
    }
    ConfigObject tiers = (ConfigObject) value;
    String prefix = HOT_TIERS + ".";
    checkKeys(tiers, HOT_TIER_KEYS, prefix);
    Long t1 = wholeNumber(tiers, "t1-slots", prefix);
    Long t2 = wholeNumber(tiers, "t2-slots", prefix);
    int t1Slots = t1 == null ? 0 : (int) Math.min(t1, Integer.MAX_VALUE);
    int t2Slots = t2 == null ? 0 : (int) Math.min(t2, Integer.MAX_VALUE);
    try {
      Limits.hotTiers(t1Slots, t2Slots);
    } catch (IllegalArgumentException e) {
      throw problems.at(HOT_TIERS, line(value), e.getMessage(), accepted);
    }
    return new Integer[] {t1Slots, t2Slots};
  }

  private Duration tickDuration() {
    Duration tick = duration(block, TICK_DURATION, "");
    if (tick != null) {
      try {
        Limits.tickDuration(tick);
      } catch (IllegalArgumentException e) {
        throw problems.at(
            TICK_DURATION, line(block.get(TICK_DURATION)), e.getMessage(), Limits.TICK_DURATION);
      }
    }
    return tick;
  }

  private Integer concurrencyLevel() {
    Long segments = wholeNumber(block, CONCURRENCY_LEVEL, "");
    if (segments == null) {
      return null;
    }
    int line = line(block.get(CONCURRENCY_LEVEL));
    if (segments > Integer.MAX_VALUE) {
      throw problems.at(
          CONCURRENCY_LEVEL, line, segments + " is too large", Limits.CONCURRENCY_LEVEL);
    }
    try {
      return Limits.concurrencyLevel(segments.intValue());
    } catch (IllegalArgumentException e) {
      throw problems.at(CONCURRENCY_LEVEL, line, e.getMessage(), Limits.CONCURRENCY_LEVEL);
    }
  }

  /** {@code immutable-types = [ "com.example.Money", ... ]}: classes, each checked to exist. */
  private Set<Class<?>> immutableTypes() {
    if (!isSet(block, IMMUTABLE_TYPES)) {
      return null;
    }
    ConfigValue value = block.get(IMMUTABLE_TYPES);
    String accepted = "a list of class names, such as [ \"com.example.Money\" ]";
    if (value.valueType() != ConfigValueType.LIST) {
      throw problems.at(IMMUTABLE_TYPES, line(value), "is " + describe(value), accepted);
    }
    Set<Class<?>> types = new LinkedHashSet<>();
    List<?> items = (List<?>) value;
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = (ConfigValue) items.get(i);
      String key = IMMUTABLE_TYPES + "[" + i + "]";
      if (item.valueType() != ConfigValueType.STRING) {
        throw problems.at(key, line(item), "is " + describe(item), accepted);
      }
      try {
        types.add(ClassSetting.type((String) item.unwrapped(), loader));
      } catch (IllegalArgumentException e) {
        throw problems.at(key, line(item), e.getMessage(), ClassSetting.acceptedType());
      }
    }
    return Set.copyOf(types);
  }

  /** {@code copier = fory}: one of {@link CopierSetting}, whose library must be present. */
  private CopierSetting copier() {
    if (!isSet(block, COPIER)) {
      return null;
    }
    String word = string(block, COPIER, "", CopierSetting.ACCEPTED);
    int line = line(block.get(COPIER));
    CopierSetting copier = CopierSetting.named(word);
    if (copier == null) {
      throw problems.at(COPIER, line, "\"" + word + "\" is not a copier", CopierSetting.ACCEPTED);
    }
    if (!copier.available()) {
      throw problems.at(
          COPIER,
          line,
          "\""
              + word
              + "\" needs Apache Fory, but "
              + CopierSetting.FORY_CLASS
              + " is not on the class path (add org.apache.fory:fory-core)",
          CopierSetting.ACCEPTED);
    }
    return copier;
  }

  // ---------------------------------------------------------------- single values

  private void checkKeys(ConfigObject object, List<String> accepted, String prefix) {
    for (String key : Set.copyOf(object.keySet())) {
      if (!accepted.contains(key)) {
        throw problems.at(
            prefix + key, line(object.get(key)), "is not a known key", String.join(", ", accepted));
      }
    }
  }

  private static boolean isSet(ConfigObject object, String key) {
    ConfigValue value = object.get(key);
    return value != null && value.valueType() != ConfigValueType.NULL;
  }

  private Boolean bool(ConfigObject object, String key, String prefix) {
    if (!isSet(object, key)) {
      return null;
    }
    ConfigValue value = object.get(key);
    Object raw = value.unwrapped();
    if (raw instanceof Boolean b) {
      return b;
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return Boolean.valueOf((String) raw);
    }
    throw problems.at(prefix + key, line(value), "is " + describe(value), BOOLEAN);
  }

  private Long wholeNumber(ConfigObject object, String key, String prefix) {
    if (!isSet(object, key)) {
      return null;
    }
    ConfigValue value = object.get(key);
    Object raw = value.unwrapped();
    Long number = null;
    if (raw instanceof Integer || raw instanceof Long) {
      number = ((Number) raw).longValue();
    } else if (raw instanceof String text) {
      try {
        number = Long.parseLong(text.trim());
      } catch (NumberFormatException notANumber) {
        // reported below, with the value
      }
    }
    if (number == null) {
      throw problems.at(prefix + key, line(value), "is " + describe(value), WHOLE_NUMBER);
    }
    if (number < 0) {
      throw problems.at(prefix + key, line(value), number + " is negative", WHOLE_NUMBER);
    }
    return number;
  }

  private Duration duration(ConfigObject object, String key, String prefix) {
    if (!isSet(object, key)) {
      return null;
    }
    ConfigValue value = object.get(key);
    Duration duration;
    try {
      // Keys are single words, so the key is also a path (no dots to split on).
      duration = object.toConfig().getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw problems.at(prefix + key, line(value), "is " + describe(value), DURATION);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw problems.at(prefix + key, line(value), describe(value) + " is not positive", DURATION);
    }
    return duration;
  }

  private String string(ConfigObject object, String key, String prefix, String accepted) {
    ConfigValue value = object.get(key);
    if (value.valueType() != ConfigValueType.STRING) {
      throw problems.at(prefix + key, line(value), "is " + describe(value), accepted);
    }
    return (String) value.unwrapped();
  }

  private Class<?> type(String key) {
    if (!isSet(block, key)) {
      return null;
    }
    String accepted = ClassSetting.acceptedType();
    String name = string(block, key, "", accepted);
    try {
      return ClassSetting.type(name, loader);
    } catch (IllegalArgumentException e) {
      throw problems.at(key, line(block.get(key)), e.getMessage(), accepted);
    }
  }

  private Class<?> implementation(
      ConfigObject object, String key, String prefix, Class<?> required) {
    if (!isSet(object, key)) {
      return null;
    }
    String accepted = ClassSetting.acceptedImplementation(required);
    String name = string(object, key, prefix, accepted);
    try {
      return ClassSetting.implementation(name, required, loader);
    } catch (IllegalArgumentException e) {
      throw problems.at(prefix + key, line(object.get(key)), e.getMessage(), accepted);
    }
  }
}
