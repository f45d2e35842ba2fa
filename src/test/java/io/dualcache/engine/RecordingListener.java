package io.dualcache.engine;

import java.util.ArrayList;
import java.util.List;

/** Records events as "TYPE key old->new" strings, thread-safely. */
final class RecordingListener<K, V> implements EntryListener<K, V> {
  private final List<String> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(ChangeType type, K key, V oldValue, V newValue) {
    events.add(type + " " + key + " " + oldValue + "->" + newValue);
  }

  synchronized List<String> events() {
    return new ArrayList<>(events);
  }

  synchronized List<String> drain() {
    List<String> copy = new ArrayList<>(events);
    events.clear();
    return copy;
  }
}
