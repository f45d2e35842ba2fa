package io.dualcache.jcache;

import static io.dualcache.jcache.UserCodeFailureTest.factory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.jcache.TrappedObjects.Recorder;
import io.dualcache.jcache.TrappedObjects.Trap;
import io.dualcache.jcache.TrappedObjects.TrappedCopier;
import io.dualcache.jcache.TrappedObjects.TrappedExpiry;
import io.dualcache.jcache.TrappedObjects.TrappedLoader;
import io.dualcache.jcache.TrappedObjects.TrappedWriter;
import io.dualcache.jcache.UserCodeFailureTest.Boom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of user object the JCache adapter calls × {RuntimeException, Error} × the ways it is
 * called (synchronously in the caller's thread, asynchronously, in a batch call). For each: what
 * the caller gets (type, cause, message), the failing key's entry afterwards, that the events of
 * other keys still arrive, and that the bounded cache is at its bound at quiescence.
 *
 * <p>The user objects throw only for the key {@value #BAD}, and only while the trap is armed: from
 * just before the failing call until just after it (for asynchronous calls, to the end).
 */
class UserCodeFailureMatrixTest {

  private static final int BOUND = 20;
  private static final String BAD = TrappedObjects.BAD;
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private CacheManager manager;
  private ExecutorService executor;

  @BeforeEach
  void open() {
    manager = TestManagers.fresh("matrix");
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void close() throws InterruptedException {
    manager.close();
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  enum Failure {
    RUNTIME_EXCEPTION,
    ERROR;

    Throwable make(Kind kind) {
      String message = kind + " failed on purpose";
      return this == ERROR ? new Boom(message) : new IllegalStateException(message);
    }
  }

  /** How the user object is reached: in the caller's thread, on the executor, in a batch call. */
  enum Mode {
    SYNC,
    ASYNC,
    BATCH
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Failure failure : Failure.values()) {
        for (Mode mode : kind.modes) {
          cases.add(Arguments.of(kind, failure, mode));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} throws {1}, {2}")
  @MethodSource("cases")
  void aFailingUserObjectHarmsOnlyTheCallThatRanIt(Kind kind, Failure failure, Mode mode)
      throws Exception {
    String name =
        ("matrix-" + kind + "-" + failure + "-" + mode).toLowerCase(java.util.Locale.ROOT);
    Trap trap = new Trap();
    Recorder witness = new Recorder(trap, false);
    DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    configuration.setTypes(String.class, String.class);
    configuration.setExecutor(executor);
    if (kind != Kind.WEIGHER) {
      configuration.setMaximumSize(BOUND);
    }
    kind.configure(configuration, trap, mode);
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(factory(witness), null, false, false));
    Cache<String, String> cache = manager.createCache(name, configuration);
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    if (kind.existsBefore) {
      cache.put(BAD, "old");
    }

    // The call, with the user object armed.
    trap.failure = failure.make(kind);
    Throwable thrown = kind.call(cache, mode, trap);
    if (mode != Mode.ASYNC) {
      trap.failure = null;
    }

    // What the caller got.
    Outcome outcome = kind.outcome(failure, mode);
    switch (outcome) {
      case NONE -> assertNull(thrown, () -> "nothing must reach the caller: " + thrown);
      case AS_IS -> assertSame(trap.thrown(), thrown, "the user object's own exception");
      case WRAPPED -> {
        assertNotNull(thrown, "the caller must get the failure");
        assertInstanceOf(kind.wrapper, thrown);
        assertSame(trap.thrown(), thrown.getCause(), "the user object's exception as the cause");
        assertTrue(thrown.getMessage().contains("\"" + name + "\""), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(kind.inMessage(mode)), thrown.getMessage());
      }
    }
    assertEquals(kind.stateAfter(failure), engine.peek(BAD), "the entry of " + BAD);
    kind.checkOthers(engine, mode);

    // The other keys: every event arrives, also at the failing listener.
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 3 * BOUND; i++) {
      others.add("other-" + i);
      cache.put("other-" + i, "v");
    }
    witness.awaitAll(others);
    if (trap.listener != null) {
      trap.listener.awaitAll(others);
    }

    // The bound: kept by the daemon on its own, and exactly the bound at quiescence.
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (engine.size() > BOUND && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertTrue(engine.size() <= BOUND, "the daemon evicts: size " + engine.size());
    engine.cleanUp();
    assertEquals(BOUND, engine.size(), "at quiescence");
  }

  /** What reaches the caller of the call that ran the failing user object. */
  enum Outcome {
    /** Nothing: the call returns normally. */
    NONE,
    /** The user object's exception itself. */
    AS_IS,
    /** The kind's wrapper, naming the cache, with the user object's exception as its cause. */
    WRAPPED
  }

  /** The kinds of user object, each with the call that reaches it and what that call must do. */
  enum Kind {
    LOADER(CacheLoaderException.class, BAD, false, Mode.SYNC, Mode.ASYNC, Mode.BATCH) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        c.setReadThrough(mode != Mode.ASYNC);
        c.setCacheLoaderFactory(factory(new TrappedLoader(trap)));
      }

      @Override
      Throwable run(Cache<String, String> cache, Mode mode, Trap trap) throws Exception {
        switch (mode) {
          case SYNC -> cache.get(BAD);
          case BATCH -> cache.getAll(new LinkedHashSet<>(List.of("other", BAD)));
          case ASYNC -> {
            CompletableFuture<Exception> done = new CompletableFuture<>();
            cache.loadAll(
                Set.of(BAD),
                true,
                new CompletionListener() {
                  @Override
                  public void onCompletion() {
                    done.complete(null);
                  }

                  @Override
                  public void onException(Exception e) {
                    done.complete(e);
                  }
                });
            return done.get(10, TimeUnit.SECONDS);
          }
        }
        return null;
      }

      @Override
      Outcome outcome(Failure failure, Mode mode) {
        // An Error can only reach a CompletionListener wrapped: onException takes an Exception.
        return failure == Failure.ERROR && mode != Mode.ASYNC ? Outcome.AS_IS : Outcome.WRAPPED;
      }
    },

    WRITER(CacheWriterException.class, BAD, true, Mode.SYNC, Mode.BATCH) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        c.setWriteThrough(true);
        c.setCacheWriterFactory(factory(new TrappedWriter(trap)));
      }

      @Override
      Throwable run(Cache<String, String> cache, Mode mode, Trap trap) {
        if (mode == Mode.SYNC) {
          cache.put(BAD, "new");
        } else {
          Map<String, String> batch = new LinkedHashMap<>();
          batch.put("written", "new"); // the writer writes it before it fails on BAD
          batch.put(BAD, "new");
          batch.put("unwritten", "new");
          cache.putAll(batch);
        }
        return null;
      }

      @Override
      void checkOthers(DualCache<?, ?> engine, Mode mode) {
        if (mode == Mode.BATCH) {
          assertEquals("new", engine.peek("written"), "what the writer wrote is stored");
          assertNull(engine.peek("unwritten"), "what it did not write is not");
        }
      }

      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.WRAPPED;
      }

      @Override
      String inMessage(Mode mode) {
        return mode == Mode.BATCH ? "write" : BAD;
      }
    },

    LISTENER(CacheEntryListenerException.class, BAD, true, Mode.SYNC, Mode.ASYNC) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        trap.listener = new Recorder(trap, true);
        c.addCacheEntryListenerConfiguration(
            new MutableCacheEntryListenerConfiguration<>(
                factory(trap.listener), null, false, mode == Mode.SYNC));
      }
    },

    FILTER(CacheEntryListenerException.class, BAD, true, Mode.SYNC, Mode.ASYNC) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        trap.listener = new Recorder(trap, false);
        CacheEntryEventFilter<String, String> filter =
            event -> {
              trap.hitIf(BAD.equals(event.getKey()));
              return true;
            };
        c.addCacheEntryListenerConfiguration(
            new MutableCacheEntryListenerConfiguration<>(
                factory(trap.listener), factory(filter), false, mode == Mode.SYNC));
      }
    },

    PROCESSOR(EntryProcessorException.class, BAD, true, Mode.SYNC, Mode.BATCH) {
      @Override
      Throwable run(Cache<String, String> cache, Mode mode, Trap trap) {
        javax.cache.processor.EntryProcessor<String, String, String> processor =
            (entry, arguments) -> {
              entry.setValue("new");
              trap.hitIf(BAD.equals(entry.getKey()));
              return "done";
            };
        if (mode == Mode.SYNC) {
          cache.invoke(BAD, processor);
          return null;
        }
        var results = cache.invokeAll(new LinkedHashSet<>(List.of(BAD, "other")), processor);
        assertEquals("done", results.get("other").get());
        return results.get(BAD) == null ? null : thrownBy(() -> results.get(BAD).get());
      }

      @Override
      void checkOthers(DualCache<?, ?> engine, Mode mode) {
        if (mode == Mode.BATCH) {
          assertEquals("new", engine.peek("other"), "invokeAll went on with the other key");
        }
      }

      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.WRAPPED;
      }
    },

    EXPIRY_ON_CREATION(null, null, false, Mode.SYNC) {
      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.NONE;
      }
    },

    EXPIRY_ON_UPDATE(null, null, true, Mode.SYNC) {
      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.NONE;
      }
    },

    EXPIRY_ON_ACCESS(null, null, true, Mode.SYNC) {
      @Override
      Throwable run(Cache<String, String> cache, Mode mode, Trap trap) {
        cache.get(BAD);
        return null;
      }

      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.NONE;
      }

      @Override
      String stateAfter(Failure failure) {
        return "old";
      }
    },

    COPIER_IN(IllegalArgumentException.class, "java.lang.String", true, Mode.SYNC) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        c.setCopier(new TrappedCopier(trap, BAD)); // the key, copied in
      }
    },

    COPIER_OUT(CacheException.class, "java.lang.String", true, Mode.SYNC) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        c.setCopier(new TrappedCopier(trap, "old")); // the stored value, copied out
      }

      @Override
      Throwable run(Cache<String, String> cache, Mode mode, Trap trap) {
        cache.get(BAD);
        return null;
      }

      @Override
      String stateAfter(Failure failure) {
        return "old";
      }
    },

    /** An engine object: its exception reaches the caller as it is, before anything changed. */
    WEIGHER(null, null, true, Mode.SYNC) {
      @Override
      void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
        c.setMaximumWeight(
            BOUND,
            (key, value) -> {
              trap.hitIf(BAD.equals(key));
              return 1;
            });
      }

      @Override
      Outcome outcome(Failure failure, Mode mode) {
        return Outcome.AS_IS;
      }
    };

    final Class<? extends Throwable> wrapper;
    final String inMessage;
    final boolean existsBefore;

    @SuppressWarnings("ImmutableEnumChecker") // List.of is immutable
    final List<Mode> modes;

    Kind(
        Class<? extends Throwable> wrapper, String inMessage, boolean existsBefore, Mode... modes) {
      this.wrapper = wrapper;
      this.inMessage = inMessage;
      this.existsBefore = existsBefore;
      this.modes = List.of(modes);
    }

    /** Adds the user object to the configuration. */
    void configure(DualCacheConfiguration<String, String> c, Trap trap, Mode mode) {
      if (name().startsWith("EXPIRY")) {
        c.setExpiryPolicyFactory(factory(new TrappedExpiry(trap, this)));
      }
    }

    /** Makes the call that runs the user object; returns what it threw, or null. */
    final Throwable call(Cache<String, String> cache, Mode mode, Trap trap) throws Exception {
      try {
        return run(cache, mode, trap);
      } catch (RuntimeException | Error e) {
        return e;
      }
    }

    /** By default a put that updates (or creates) the entry of {@value #BAD}. */
    Throwable run(Cache<String, String> cache, Mode mode, Trap trap) throws Exception {
      cache.put(BAD, "new");
      return null;
    }

    /** What reaches the caller; by default the wrapper for an exception, an Error as is. */
    Outcome outcome(Failure failure, Mode mode) {
      if (mode == Mode.ASYNC) {
        return Outcome.NONE;
      }
      return failure == Failure.ERROR ? Outcome.AS_IS : Outcome.WRAPPED;
    }

    /** The message of the wrapper names the cache and this. */
    String inMessage(Mode mode) {
      return inMessage;
    }

    /** The value of {@value #BAD} after the call (null: absent). */
    String stateAfter(Failure failure) {
      return switch (this) {
        case LOADER -> null;
        case LISTENER, FILTER -> "new"; // the write took effect before the listener ran
        case EXPIRY_ON_CREATION -> failure == Failure.ERROR ? null : "new";
        case EXPIRY_ON_UPDATE -> failure == Failure.ERROR ? "old" : "new";
        default -> "old";
      };
    }

    /** Checks of the other keys of a batch call. */
    void checkOthers(DualCache<?, ?> engine, Mode mode) {}
  }

  private static Throwable thrownBy(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }
}
