package io.dualcache.jcache;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/** The outcome of an entry processor for one key of {@code invokeAll}: a value or a failure. */
final class ProcessorResult<T> implements EntryProcessorResult<T> {

  private final T value;
  private final RuntimeException failure;

  private ProcessorResult(T value, RuntimeException failure) {
    this.value = value;
    this.failure = failure;
  }

  static <T> ProcessorResult<T> of(T value) {
    return new ProcessorResult<>(value, null);
  }

  static <T> ProcessorResult<T> failed(RuntimeException failure) {
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
    throw new EntryProcessorException(failure);
  }
}
