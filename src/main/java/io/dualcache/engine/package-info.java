/**
 * The DualCache engine: a concurrent cache with wait-free reads, free of any JSR-107 type. Build
 * one with {@link io.dualcache.engine.DualCache#builder()}.
 *
 * <p>The classes follow a request through the engine:
 *
 * <ul>
 *   <li><b>Read path</b>: {@code DualCache.get} → {@code HotTier} T1/T2 (optional) → {@code Index}
 *       of {@code Segment}s (open-addressed slot arrays of {@code Node}s) → the node's value and
 *       deadline against the {@code EpochClock}'s published tick → a hit record in the {@code
 *       HitRecorder}'s lossy rings. {@code ReadPath} holds these structures; it is built once and
 *       handed to both the reads and maintenance.
 *   <li><b>Write path</b>: {@code WritePath.write}, one skeleton for every write, under the key's
 *       segment lock; {@code ListenerCalls} fires the events and decides what a listener's failure
 *       does. The node that changed goes to {@code Maintenance.afterWrite}.
 *   <li><b>Maintenance</b>: {@code Maintenance} runs rounds (write queue, hit rings, eviction, the
 *       expiry sweep), scheduled by a {@code DaemonThread} or an {@code ExecutorScheduler}; one
 *       {@code TickingThread} per JVM publishes every clock's tick.
 *   <li><b>Policy</b>: {@code Policy} (window, probation and the protected {@code RankedClock}),
 *       {@code FrequencySketch} for admission, {@code WindowTuner} with its {@code Shadow}s for the
 *       window's share.
 * </ul>
 *
 * <p>Every field that one thread writes and another reads says who writes it and with which
 * ordering, and its accessor's name says the mode ({@code valueAcquire}, {@code setValueRelease},
 * {@code deadlineWordAcquire}).
 */
package io.dualcache.engine;
