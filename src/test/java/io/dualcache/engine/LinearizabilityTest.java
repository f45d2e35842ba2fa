package io.dualcache.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck checks that concurrent get/put/putIfAbsent/replace/remove/compute behave like a
 * sequential map. The engine under test has 2-slot hot tiers with promotion active (keys 1 and 2
 * start present and hot, so the tiers hold their nodes when a scenario replaces, removes and
 * re-creates them, and re-created nodes are promoted again on their next hits), runs maintenance in
 * the writing threads, and has {@code cleanUp()} among the operations: tiers and daemon work are
 * part of every interleaving.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class LinearizabilityTest {

  private final DualCache<Integer, Integer> cache =
      DualCache.<Integer, Integer>builder()
          .hotTiers(2, 2)
          .concurrencyLevel(2)
          .executor(Runnable::run)
          .build();

  public LinearizabilityTest() {
    for (int key = 1; key <= 2; key++) {
      cache.put(key, 0);
      for (int i = 0; i < 8; i++) {
        cache.get(key);
      }
    }
    cache.cleanUp(); // drains the hits: keys 1 and 2 move into the tiers
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
  public Integer putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.putIfAbsent(key, value);
  }

  @Operation
  public Integer replace(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.replace(key, value);
  }

  @Operation
  public boolean replaceIfEqual(
      @Param(name = "key") int key,
      @Param(name = "value") int expected,
      @Param(name = "value") int value) {
    return cache.replace(key, expected, value);
  }

  @Operation
  public Integer remove(@Param(name = "key") int key) {
    return cache.remove(key);
  }

  @Operation
  public boolean removeIfEqual(@Param(name = "key") int key, @Param(name = "value") int value) {
    return cache.remove(key, value);
  }

  /** Increments the value (absent counts as 0) and returns the new one. */
  @Operation
  public Integer increment(@Param(name = "key") int key) {
    return increment(cache, key);
  }

  /** Increments the value of {@code key} in {@code cache} (absent counts as 0), atomically. */
  static Integer increment(DualCache<Integer, Integer> cache, int key) {
    return cache.compute(
        key,
        e -> {
          int next = e.exists() ? e.value() + 1 : 1;
          e.setValue(next);
          return next;
        });
  }

  @Operation
  public void cleanUp() {
    cache.cleanUp();
  }

  @Test
  void modelChecking() {
    checkByModel(getClass());
  }

  /** Model checking of {@code test} against {@link MapSpecification}. */
  static void checkByModel(Class<?> test) {
    checkByModel(test, 30);
  }

  /**
   * Model checking of {@code test} against {@link MapSpecification}, {@code iterations} scenarios.
   */
  static void checkByModel(Class<?> test, int iterations) {
    new ModelCheckingOptions()
        .iterations(iterations)
        .invocationsPerIteration(300)
        .threads(2)
        .actorsPerThread(3)
        .sequentialSpecification(MapSpecification.class)
        .check(test);
  }

  @Test
  void stress() {
    new StressOptions()
        .iterations(20)
        .invocationsPerIteration(1_000)
        .threads(3)
        .actorsPerThread(3)
        .sequentialSpecification(MapSpecification.class)
        .check(getClass());
  }

  /** The sequential map the engine must be indistinguishable from: keys 1 and 2 start at 0. */
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

    public Integer replace(int key, int value) {
      return map.replace(key, value);
    }

    public boolean replaceIfEqual(int key, int expected, int value) {
      return map.replace(key, expected, value);
    }

    public Integer remove(int key) {
      return map.remove(key);
    }

    public boolean removeIfEqual(int key, int value) {
      return map.remove(key, value);
    }

    public Integer increment(int key) {
      return map.merge(key, 1, Integer::sum);
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
