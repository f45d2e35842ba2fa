package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Racing recorders on one stripe may lose each other's records, and a late store may even move the
 * stripe's write index back behind what the daemon already drained. A drain must still hand out at
 * most one ring's worth per stripe: a ring may lose hits, it must never claim more than it holds.
 * Model checking explores the interleavings of two recorders and one drainer; the stress runs real
 * threads.
 */
@Param(name = "hash", gen = IntGen.class, conf = "1:3")
public class HitRecorderRaceTest {

  private final HitRecorder recorder = new HitRecorder(2);

  @Operation
  public void record(@Param(name = "hash") int hash) {
    recorder.recordInStripe(0, hash);
  }

  /** True when the drain handed out at most one ring's worth of records. */
  @Operation(nonParallelGroup = "daemon")
  public boolean drain() {
    return drainedAtMostOneRing(recorder);
  }

  private static boolean drainedAtMostOneRing(HitRecorder recorder) {
    int stripes = 2;
    AtomicInteger handed = new AtomicInteger();
    try {
      recorder.drain(
          h -> {
            if (handed.incrementAndGet() > stripes * HitRecorder.SIZE) {
              throw new IllegalStateException("drain ran past its rings");
            }
          });
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions()
        .iterations(30)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3)
        .sequentialSpecification(Specification.class)
        .check(getClass());
  }

  @Test
  void stressedRingsNeverDrainMoreThanTheyHold() {
    HitRecorder shared = new HitRecorder(2);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> recorders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                int h = 0;
                while (!stop.get()) {
                  shared.recordInStripe(0, h++);
                }
              });
      recorders.add(thread);
      thread.start();
    }
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int drains = 0;
            while (System.nanoTime() < end) {
              assertTrue(drainedAtMostOneRing(shared), "drain " + drains + " ran past its rings");
              drains++;
            }
          });
    } finally {
      stop.set(true);
      for (Thread thread : recorders) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** What every operation must return in any order: drains stay within their rings. */
  public static final class Specification {
    public void record(int hash) {}

    public boolean drain() {
      return true;
    }
  }
}
