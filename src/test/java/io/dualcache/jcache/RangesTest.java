package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.Limits;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A setting out of the engine's range fails with the same message whether it is given to the
 * engine's builder or to a DualCacheConfiguration (the file reader's messages are in
 * ConfigFileErrorsTest): the ranges and their wording live in {@link Limits}.
 */
class RangesTest {

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        setting("maximumSize -1", b -> b.maximumSize(-1), c -> c.setMaximumSize(-1)),
        setting(
            "maximumWeight -1",
            b -> b.maximumWeight(-1, (k, v) -> 1),
            c -> c.setMaximumWeight(-1, (k, v) -> 1)),
        setting("initialCapacity -1", b -> b.initialCapacity(-1), c -> c.setInitialCapacity(-1)),
        setting("t1 not a power of two", b -> b.hotTiers(3, 0), c -> c.setHotTiers(3, 0)),
        setting("t2 without t1", b -> b.hotTiers(0, 4), c -> c.setHotTiers(0, 4)),
        setting("t2 too large", b -> b.hotTiers(2, 1 << 21), c -> c.setHotTiers(2, 1 << 21)),
        setting(
            "tick too long",
            b -> b.tickDuration(Duration.ofSeconds(5)),
            c -> c.setTickDuration(Duration.ofSeconds(5))),
        setting(
            "tick too short",
            b -> b.tickDuration(Duration.ofNanos(10)),
            c -> c.setTickDuration(Duration.ofNanos(10))),
        setting(
            "concurrency level not a power of two",
            b -> b.concurrencyLevel(10),
            c -> c.setConcurrencyLevel(10)),
        setting(
            "concurrency level negative",
            b -> b.concurrencyLevel(-2),
            c -> c.setConcurrencyLevel(-2)));
  }

  private static Arguments setting(
      String what,
      Consumer<DualCacheBuilder<Object, Object>> builder,
      Consumer<DualCacheConfiguration<Object, Object>> configuration) {
    return Arguments.of(what, builder, configuration);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void theConfigurationFailsWithTheBuildersMessage(
      String what,
      Consumer<DualCacheBuilder<Object, Object>> builder,
      Consumer<DualCacheConfiguration<Object, Object>> configuration) {
    IllegalArgumentException fromBuilder =
        assertThrows(IllegalArgumentException.class, () -> builder.accept(DualCache.builder()));
    IllegalArgumentException fromConfiguration =
        assertThrows(
            IllegalArgumentException.class,
            () -> configuration.accept(new DualCacheConfiguration<>()));

    assertEquals(fromBuilder.getMessage(), fromConfiguration.getMessage(), what);
  }

  @Test
  void theMessagesNameTheSettingAndTheRange() {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DualCacheConfiguration<>().setConcurrencyLevel(10));

    assertEquals(
        "concurrencyLevel must be " + Limits.CONCURRENCY_LEVEL + ", concurrencyLevel=10",
        failure.getMessage());
    assertEquals("a power of two from 2 to 65536", Limits.CONCURRENCY_LEVEL);
  }

  @Test
  void zeroAndNullStillMeanTheEngineDefaults() {
    DualCacheConfiguration<Object, Object> configuration =
        new DualCacheConfiguration<>()
            .setHotTiers(0, 0)
            .setConcurrencyLevel(0)
            .setTickDuration(null);

    assertEquals(0, configuration.getHotTierT1Slots());
    assertEquals(0, configuration.getConcurrencyLevel());
    assertEquals(null, configuration.getTickDuration());
  }
}
