package io.dualcache.jcache.config;

import io.dualcache.fory.ForyCopier;
import io.dualcache.jcache.Copier;
import io.dualcache.jcache.SerializingCopier;

/** The copier a cache block names with {@code copier = ...}; each cache gets its own copier. */
enum CopierSetting {
  SERIALIZATION("serialization"),
  FORY("fory");

  static final String ACCEPTED =
      "serialization (the default: Java serialization) or fory (a graph copy with Apache Fory;"
          + " needs org.apache.fory:fory-core)";

  /** Fory's entry class, looked up to tell whether the optional library is there. */
  static final String FORY_CLASS = "org.apache.fory.Fory";

  final String word;

  CopierSetting(String word) {
    this.word = word;
  }

  /** The setting {@code word} names, or null for none. */
  static CopierSetting named(String word) {
    for (CopierSetting setting : values()) {
      if (setting.word.equals(word)) {
        return setting;
      }
    }
    return null;
  }

  /** Whether this copier's library can be loaded alongside DualCache. */
  boolean available() {
    if (this == SERIALIZATION) {
      return true;
    }
    try {
      Class.forName(FORY_CLASS, false, CopierSetting.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  /** A new copier for one cache. */
  Copier create() {
    return this == FORY ? new ForyCopier() : SerializingCopier.INSTANCE;
  }
}
