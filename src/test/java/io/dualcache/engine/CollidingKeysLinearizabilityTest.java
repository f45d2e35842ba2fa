package io.dualcache.engine;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on keys that all share one hash code: the first present key holds the home slot, the
 * next its neighbour, the third goes to the overflow run, and removals leave tombstones that later
 * inserts reuse. Lookups racing with those inserts and removals must still behave like a map
 * ({@link LinearizabilityTest.MapSpecification}: keys 1 and 2 start present).
 */
@Param(name = "key", gen = IntGen.class, conf = "1:3")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class CollidingKeysLinearizabilityTest {

  /** Equal by id; every instance has the same hash code. */
  static final class Key {
    private final int id;

    Key(int id) {
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }

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
    LinearizabilityTest.checkByModel(getClass());
  }
}
