package io.dualcache.jcache;

import java.lang.System.Logger.Level;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.MutableEntry;

/**
 * The rule for user code, and the calls of it that have no class of their own.
 *
 * <p><b>A failure of a user's object belongs to the call that ran it.</b> That call gets it: a
 * {@link RuntimeException} in the wrapper type JSR-107 gives that kind of object, an {@link Error}
 * as it is (it is never disguised as a recoverable exception), except where the only way to the
 * caller is a parameter of type {@code Exception} (loadAll's {@code CompletionListener}). No other
 * key, listener, thread or call is affected: a batch call applies every key it can and then throws
 * the first failure; an asynchronous delivery logs its failure and the next one runs; a {@code
 * loadAll} always ends in exactly one of {@code onCompletion} and {@code onException}.
 *
 * <p>Each kind of user object is called from one place, which applies the rule:
 *
 * <ul>
 *   <li>{@code CacheLoader}: {@link ReadThrough}; {@code CompletionListener}: {@link BulkLoad};
 *   <li>{@code CacheWriter}: {@link WriteThrough};
 *   <li>listeners and their filters: {@link EventDispatcher};
 *   <li>{@code EntryProcessor}: {@link #process} (and {@link ProcessorEntry} checks the values it
 *       sets with the cache's {@link TypeCheck});
 *   <li>{@code ExpiryPolicy}: {@link ExpiryPolicyAdapter};
 *   <li>{@link Copier} (store-by-value): {@link Copies};
 *   <li>{@code close()} of any of them: {@link Closeables}.
 * </ul>
 *
 * The weigher and the keys' {@code equals}/{@code hashCode} are called by the engine.
 */
final class UserCode {

  private static final System.Logger LOG = System.getLogger(UserCode.class.getName());

  private UserCode() {}

  /**
   * Runs an entry processor. An {@link EntryProcessorException} passes as it is, any other
   * RuntimeException is wrapped in one that names the processor, the cache and the key; an Error
   * passes as it is. The caller (inside the engine's compute of the key) then changes nothing.
   */
  static <K, V, T> T process(
      EntryProcessor<K, V, T> processor,
      MutableEntry<K, V> entry,
      Object[] arguments,
      String cacheName) {
    try {
      return processor.process(entry, arguments);
    } catch (EntryProcessorException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(
          "entry processor "
              + processor.getClass().getName()
              + " of cache \""
              + cacheName
              + "\" failed on key "
              + entry.getKey(),
          e);
    }
  }

  /** Throws {@code failure}, a RuntimeException or an Error (nothing else is ever recorded). */
  static void rethrow(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("unexpected checked exception", failure);
  }

  /**
   * The failure a batch call throws once it applied every key it could: the first one recorded,
   * unless an Error comes later (an Error is never hidden behind an exception). The others are
   * logged (not added as suppressed: a user object may throw one shared instance every time, which
   * would then grow without end). Used by one thread.
   */
  static final class FirstFailure {
    private final String operation;
    private final String cacheName;
    private Throwable first;

    /** The log names the operation ({@code putAll}) and the cache. */
    FirstFailure(String operation, String cacheName) {
      this.operation = operation;
      this.cacheName = cacheName;
    }

    void add(Throwable failure) {
      if (failure == null || failure == first) {
        return;
      }
      if (first == null) {
        first = failure;
        return;
      }
      Throwable other = failure;
      if (failure instanceof Error && !(first instanceof Error)) {
        other = first;
        first = failure;
      }
      LOG.log(
          Level.WARNING,
          operation
              + " of cache \""
              + cacheName
              + "\" failed more than once; this failure is logged, not rethrown",
          other);
    }

    Throwable get() {
      return first;
    }

    /** Throws the failure, if any. */
    void rethrow() {
      if (first != null) {
        UserCode.rethrow(first);
      }
    }
  }
}
