package io.dualcache.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of a refreshing cache against a sequential map: keys 1 and 2 start
 * present and due for a refresh, so reads start reloads that race with writes, removals and
 * computes of the same keys. The reloader returns the value it was given, so a correct refresh is
 * invisible to the map; a reload that replaced a value written after its read (a lost update) would
 * surface as that older value, and a CAS loop on the refresh word that could spin forever as a
 * livelock.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class RefreshLinearizabilityTest {

  private final ConcurrentLinkedQueue<Runnable> reloads = new ConcurrentLinkedQueue<>();
  private final DualCache<Integer, Integer> cache;

  public RefreshLinearizabilityTest() {
    FakeTicker ticker = new FakeTicker();
    cache =
        DualCache.<Integer, Integer>builder()
            .ticker(ticker)
            .concurrencyLevel(2)
            .executor(Runnable::run)
            .refreshAfterWrite(Duration.ofMillis(1), (key, old) -> old)
            .refreshExecutor(reloads::add)
            .build();
    cache.put(1, 0);
    cache.put(2, 0);
    ticker.advance(Duration.ofSeconds(1));
    cache.cleanUp(); // publishes the tick: both entries are due from now on
  }

  @Operation
  public Integer get(@Param(name = "key") int key) {
    return cache.get(key);
  }

  @Operation
  public Integer put(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.put(key, value);
  }

  @Operation
  public Integer remove(@Param(name = "key") int key) {
    return cache.remove(key);
  }

  /** Increments the value (absent counts as 0) and returns the new one. */
  @Operation
  public Integer increment(@Param(name = "key") int key) {
    return LinearizabilityTest.increment(cache, key);
  }

  /** The background work: runs the reloads started so far, then the maintenance. */
  @Operation
  public void cleanUp() {
    Runnable reload;
    while ((reload = reloads.poll()) != null) {
      reload.run();
    }
    cache.cleanUp();
  }

  @Test
  void modelChecking() {
    // Fewer scenarios than the map test: the refresh-specific races need few operations to show
    // (the lost-update mutation fails within the first few), and each scenario is slower here.
    LinearizabilityTest.checkByModel(getClass(), 12);
  }
}
