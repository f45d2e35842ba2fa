package io.dualcache.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on keys that all share one hash code: the first present key holds the home slot, the
 * next its neighbour, the third goes to the overflow run, and removals leave tombstones that later
 * inserts reuse. Lookups racing with those inserts and removals must still behave like a map.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:3")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class CollidingKeysLinearizabilityTest {

  /** Equal by id; every instance has the same hash code. */
  record Key(int id) {
    @Override
    public int hashCode() {
      return 42;
    }
  }

  private final DualCache<Key, Integer> cache =
      DualCache.<Key, Integer>builder().concurrencyLevel(2).executor(Runnable::run).build();

  public CollidingKeysLinearizabilityTest() {
    cache.put(new Key(1), 0);
    cache.put(new Key(2), 0);
  }

  @Operation
  public Integer get(@Param(name = "key") int key) {
    return cache.get(new Key(key));
  }

  @Operation
  public Integer put(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.put(new Key(key), value);
  }

  @Operation
  public Integer putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.putIfAbsent(new Key(key), value);
  }

  @Operation
  public Integer remove(@Param(name = "key") int key) {
    return cache.remove(new Key(key));
  }

  @Operation
  public void cleanUp() {
    cache.cleanUp();
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions()
        .iterations(30)
        .invocationsPerIteration(300)
        .threads(2)
        .actorsPerThread(3)
        .sequentialSpecification(MapSpecification.class)
        .check(getClass());
  }

  /** The sequential map the engine must be indistinguishable from. */
  public static final class MapSpecification {
    private final Map<Integer, Integer> map = new HashMap<>(Map.of(1, 0, 2, 0));

    public Integer get(int key) {
      return map.get(key);
    }

    public Integer put(int key, int value) {
      return map.put(key, value);
    }

    public Integer putIfAbsent(int key, int value) {
      return map.putIfAbsent(key, value);
    }

    public Integer remove(int key) {
      return map.remove(key);
    }

    public void cleanUp() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof MapSpecification other && other.map.equals(map);
    }

    @Override
    public int hashCode() {
      return Objects.hash(map);
    }
  }
}
