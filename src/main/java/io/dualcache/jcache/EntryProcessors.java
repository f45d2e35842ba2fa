package io.dualcache.jcache;

import io.dualcache.engine.EditableEntry;
import io.dualcache.jcache.usercode.Copies;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;

/**
 * {@code invoke} and {@code invokeAll} of a {@link DualJCache}: each key's processor runs inside
 * one engine {@code compute} of the key on a {@link ProcessorEntry}, and what it did is applied as
 * one net operation when it returns, so the processor's reads, loads and writes are atomic.
 *
 * <p>This is the one place entry processors are called, and what their failures do: an {@link
 * EntryProcessorException} passes as it is, any other RuntimeException is wrapped in one that names
 * the processor, the cache and the key; an Error passes as it is. The entry is then unchanged. In
 * {@code invokeAll}, a key's failure is that key's result and the other keys are processed.
 */
final class EntryProcessors<K, V> {

  private final String name;
  private final CacheParts<K, V> parts;
  private final CacheStatistics statistics;
  private final EntryWrites<K, V> writes;

  EntryProcessors(
      String name, CacheParts<K, V> parts, CacheStatistics statistics, EntryWrites<K, V> writes) {
    this.name = name;
    this.parts = parts;
    this.statistics = statistics;
    this.writes = writes;
  }

  <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    Checks.open(parts.store(), name);
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(processor, "entry processor must not be null");
    long start = statistics.start();
    Invocation<T> invocation =
        parts.store().compute(parts.copies().in(key), e -> process(e, key, processor, arguments));
    statistics.recordGet(start, invocation.existed());
    if (invocation.changed()) {
      switch (invocation.operation()) {
        case CREATE, UPDATE -> statistics.recordPuts(start, 1);
        case REMOVE -> statistics.recordRemovals(start, 1);
        default -> {} // a load is no put
      }
    }
    return invocation.result();
  }

  <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    Checks.open(parts.store(), name);
    Checks.noNullKeys(keys, "invokeAll");
    Objects.requireNonNull(processor, "entry processor must not be null");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (IllegalStateException closed) {
        throw closed;
      } catch (RuntimeException | Error e) { // this key's failure: the others are processed
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  /** Runs the processor on the engine's entry and applies its net operation. */
  private <T> Invocation<T> process(
      EditableEntry<K, V> entry, K key, EntryProcessor<K, V, T> processor, Object[] arguments) {
    ProcessorEntry<K, V> view =
        new ProcessorEntry<>(
            key, entry.value(), parts.copies(), parts.readThrough(), parts.types());
    T result = run(processor, view, arguments);
    boolean changed = apply(entry, view, key);
    return new Invocation<>(result, view.existed(), view.operation(), changed);
  }

  private <T> T run(
      EntryProcessor<K, V, T> processor, MutableEntry<K, V> entry, Object[] arguments) {
    try {
      return processor.process(entry, arguments);
    } catch (EntryProcessorException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(
          "entry processor "
              + processor.getClass().getName()
              + " of cache \""
              + name
              + "\" failed on key "
              + entry.getKey(),
          e);
    }
  }

  private boolean apply(EditableEntry<K, V> entry, ProcessorEntry<K, V> view, K key) {
    Copies copies = parts.copies();
    switch (view.operation()) {
      case ACCESS -> writes.touch(entry);
      case CREATE, UPDATE -> {
        return writes.store(entry, key, view.value(), copies.in(view.value()), true);
      }
      case LOAD -> {
        return writes.store(entry, key, view.value(), copies.in(view.value()), false);
      }
      case REMOVE -> {
        parts.writer().delete(key); // also for an absent key, as for remove(key)
        return EntryWrites.removeIfPresent(entry);
      }
      case NONE -> {}
    }
    return false;
  }

  /** What an entry processor returned and did. */
  private record Invocation<T>(
      T result, boolean existed, ProcessorEntry.Operation operation, boolean changed) {}
}
