package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A listener that throws, an {@link Error} as well as a RuntimeException, harms only the call that
 * fired it: a write it fails took effect and still joins the policy, and an eviction it fails still
 * happened, so the bound holds while it throws and after.
 */
class ListenerFailureTest {

  private static final int BOUND = 100;

  static final class Boom extends Error {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("listener failed on purpose", null, false, false);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aThrowingListenerNeitherLosesWritesNorBreaksTheBound(boolean error) {
    AtomicBoolean throwing = new AtomicBoolean(true);
    Throwable failure = error ? new Boom() : new IllegalStateException("listener failed");
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(BOUND)
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (throwing.get()) {
                    sneakyThrow(failure);
                  }
                })
            .build();
    for (int k = 0; k < 30 * BOUND; k++) {
      int key = k;
      Throwable thrown = assertThrows(Throwable.class, () -> cache.put(key, key));
      assertSame(failure, thrown, "the caller gets the listener's failure as it is");
      assertEquals(key, cache.peek(key), "the write took effect");
    }
    cache.cleanUp();
    assertEquals(BOUND, cache.size(), "evictions whose listener threw still happened");
    assertEquals(BOUND, cache.weightedSize(), "every write joined the policy");
    throwing.set(false);
    for (int k = 0; k < 3 * BOUND; k++) {
      cache.put(-k - 1, k);
    }
    cache.cleanUp();
    assertEquals(BOUND, cache.size(), "and the daemon goes on evicting");
    cache.close();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
