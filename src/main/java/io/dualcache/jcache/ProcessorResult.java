package io.dualcache.jcache;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * The outcome of an entry processor for one key of {@code invokeAll}: a value or a failure. {@link
 * #get} throws the failure as {@code invoke} would have: an {@link EntryProcessorException} as it
 * is, an Error as it is, any other exception (a listener's, a writer's) wrapped in one.
 *
 * @param value what the processor returned, when it did not fail
 * @param failure what it threw, or null
 */
record ProcessorResult<T>(T value, Throwable failure) implements EntryProcessorResult<T> {

  static <T> ProcessorResult<T> of(T value) {
    return new ProcessorResult<>(value, null);
  }

  static <T> ProcessorResult<T> failed(Throwable failure) {
    return new ProcessorResult<>(null, failure);
  }

  @Override
  public T get() {
    if (failure == null) {
      return value;
    }
    if (failure instanceof EntryProcessorException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new EntryProcessorException(failure);
  }
}
