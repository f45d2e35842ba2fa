package io.dualcache.jcache;

import io.dualcache.engine.KeyValueStore;
import java.util.Objects;
import java.util.Set;

/** The checks an operation starts with, shared by the single-key, bulk and processor operations. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalStateException} if the cache is closed. */
  static void open(KeyValueStore<?, ?> store, String cacheName) {
    if (store.isClosed()) {
      throw new IllegalStateException("cache \"" + cacheName + "\" is closed");
    }
  }

  /** Throws {@link NullPointerException} if {@code keys} is null or holds a null. */
  static void noNullKeys(Set<?> keys, String operation) {
    Objects.requireNonNull(keys, operation + " keys must not be null");
    for (Object key : keys) {
      Objects.requireNonNull(key, operation + " keys must not contain null");
    }
  }
}
