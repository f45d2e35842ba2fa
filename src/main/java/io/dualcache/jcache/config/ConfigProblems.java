package io.dualcache.jcache.config;

import javax.cache.CacheException;

/**
 * Builds the message of a bad setting in a configuration file, always in one form that names the
 * file, the cache (or template), the key, what is wrong and what is accepted:
 *
 * <pre>
 * classpath:dualcache.conf: cache "orders", key "maximum-size" (line 4): -5 is negative;
 *     accepted: a whole number, 0 or more
 * </pre>
 *
 * @param source the file as the user named it
 * @param scope what the keys belong to, such as {@code cache "orders"}; null for the file's own
 *     keys
 */
record ConfigProblems(String source, String scope) {

  /** The problems of the block of cache {@code name}. */
  static ConfigProblems forCache(String source, String name) {
    return new ConfigProblems(source, "cache \"" + name + "\"");
  }

  /** The problems of the template block. */
  static ConfigProblems forTemplate(String source) {
    return new ConfigProblems(source, "template \"default\"");
  }

  /**
   * @param line the line of the value in the file, or 0 when unknown
   */
  CacheException at(String key, int line, String problem, String accepted) {
    StringBuilder message = new StringBuilder(source).append(": ");
    if (scope != null) {
      message.append(scope).append(", ");
    }
    message.append("key \"").append(key).append('"');
    if (line > 0) {
      message.append(" (line ").append(line).append(')');
    }
    message.append(": ").append(problem).append("; accepted: ").append(accepted);
    return new CacheException(message.toString());
  }
}
