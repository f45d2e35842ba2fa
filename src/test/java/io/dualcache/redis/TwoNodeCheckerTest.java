package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.redis.TwoNodeHistory.Applied;
import io.dualcache.redis.TwoNodeHistory.Op;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A randomized workload on two nodes (two {@link RedisSharing}s of one application over one real
 * Redis, in this JVM), several threads each, on a small key space, checked by {@link
 * TwoNodeHistory}: every read returned a value that was current at some moment of its interval
 * (within one node at once, across nodes once the invalidation arrived, as fences record); after
 * quiescence every near copy equals Redis. The checker is shown to catch staleness: on hand-made
 * histories, and on the live run with a deliberately stale reader (one that never forgets what it
 * read) added to the history.
 */
class TwoNodeCheckerTest {
  private static final int KEYS = 16;
  private static final int THREADS_PER_NODE = 3;
  private static final long RUN_MILLIS = Long.getLong("twoNode.runMillis", 4000);
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final AtomicInteger APPS = new AtomicInteger();

  private static RedisServer server;
  private static RedisClient outside;
  private static StatefulRedisConnection<String, String> outsideConnection;

  private final List<RedisSharing> sharings = new ArrayList<>();
  private final String app = "twonode" + APPS.incrementAndGet();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
    outside = server.outsideClient();
    outsideConnection = outside.connect();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    try {
      if (outside != null) {
        outside.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    } finally {
      server.close();
    }
  }

  @AfterEach
  void closeNodes() {
    for (RedisSharing s : sharings) {
      s.close();
    }
  }

  private RedisSharing node(String name) {
    RedisSharing s =
        RedisSharing.builder(server.uri())
            .keyPrefix(app)
            .clientName(app + "-" + name)
            .commandTimeout(Duration.ofSeconds(10))
            .build();
    sharings.add(s);
    return s;
  }

  // ---- the checker on hand-made histories ----

  private static Op put(int node, String key, String value, long start, long end) {
    return new Op(node, "t", "put", key).wrote(value, Applied.YES).at(start, end);
  }

  private static Op get(int node, String key, String value, long start, long end) {
    return new Op(node, "t", "get", key).read(value, false).at(start, end);
  }

  private static List<String> check(TwoNodeHistory h, Op... ops) {
    for (Op op : ops) {
      h.add(op);
    }
    return h.check();
  }

  private static List<String> check(Op... ops) {
    return check(new TwoNodeHistory(), ops);
  }

  @Test
  void theCheckerAcceptsReadsOfValuesCurrentDuringTheirInterval() {
    // Sequential: each read returns the latest write.
    assertEquals(
        List.of(),
        check(
            get(0, "k", null, 0, 5),
            put(0, "k", "x", 10, 20),
            get(0, "k", "x", 30, 40),
            put(1, "k", "y", 50, 60),
            get(1, "k", "y", 70, 80)));
    // A write overlapping the read: old and new value are both fine.
    assertEquals(
        List.of(),
        check(
            put(0, "k", "x", 0, 10),
            put(1, "k", "y", 20, 45),
            get(0, "k", "x", 40, 50),
            get(1, "k", "y", 40, 50)));
    // Two overlapping writes, then reads: either may have landed last in Redis.
    assertEquals(
        List.of(),
        check(
            put(0, "k", "x", 0, 30),
            put(1, "k", "y", 10, 20),
            get(0, "k", "x", 40, 50),
            get(0, "k", "y", 60, 70)));
    // A conditional write that did not apply overwrites nothing; its value is never read.
    assertEquals(
        List.of(),
        check(
            put(0, "k", "x", 0, 10),
            new Op(0, "t", "replace", "k").wrote("z", Applied.NO).at(20, 30),
            get(0, "k", "x", 40, 50)));
    // A write of the other node, with no fence yet: its invalidation may still be on its way.
    assertEquals(
        List.of(),
        check(put(0, "k", "x", 0, 10), put(1, "k", "y", 20, 30), get(0, "k", "x", 40, 50)));
    // A fence that began before that write returned does not cover it.
    TwoNodeHistory h = new TwoNodeHistory();
    h.fence(0, 25, 35);
    assertEquals(
        List.of(),
        check(h, put(0, "k", "x", 0, 10), put(1, "k", "y", 20, 30), get(0, "k", "x", 40, 50)));
    // Null after a removal; a second removal does not make null stale.
    assertEquals(
        List.of(),
        check(
            put(0, "k", "x", 0, 10),
            new Op(1, "t", "remove", "k").wrote(null, Applied.YES).at(20, 30),
            new Op(1, "t", "remove", "k").wrote(null, Applied.YES).at(40, 50),
            get(1, "k", null, 60, 70)));
  }

  @Test
  void theCheckerCatchesStaleAndImpossibleReads() {
    // Stale within one node: the overwrite returned before the read began.
    List<String> v =
        check(put(0, "k", "x", 0, 10), put(0, "k", "y", 20, 30), get(0, "k", "x", 40, 50));
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).startsWith("stale read"), v.get(0));
    // Stale across nodes, once a fence shows the other node's write was invalidated.
    TwoNodeHistory h = new TwoNodeHistory();
    h.fence(0, 32, 38);
    v = check(h, put(0, "k", "x", 0, 10), put(1, "k", "y", 20, 30), get(0, "k", "x", 40, 50));
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).contains("fence"), v.get(0));
    // A value that came from Redis itself (a conditional write's answer) is held to "returned".
    v =
        check(
            put(0, "k", "x", 0, 10),
            put(1, "k", "y", 20, 30),
            new Op(0, "t", "putIfAbsent", "k").read("x", true).at(40, 50));
    assertEquals(1, v.size(), v.toString());
    // Null although a value was written and nothing removed it.
    v = check(put(0, "k", "x", 0, 10), get(0, "k", null, 20, 30));
    assertEquals(1, v.size(), v.toString());
    // Null although a value was written after the last removal.
    v =
        check(
            new Op(0, "t", "remove", "k").wrote(null, Applied.YES).at(0, 10),
            put(1, "k", "x", 20, 30),
            get(1, "k", null, 40, 50));
    assertEquals(1, v.size(), v.toString());
    // A value never written, one whose write did not apply, one read before its write began.
    v =
        check(
            get(0, "k", "ghost", 0, 10),
            new Op(0, "t", "replace", "k").wrote("z", Applied.NO).at(20, 30),
            get(0, "k", "z", 40, 50),
            get(1, "k", "w", 60, 70),
            put(0, "k", "w", 80, 90));
    assertEquals(3, v.size(), v.toString());
    // Two writes of one value: the workload's values must be unique.
    v = check(put(0, "k", "x", 0, 10), put(1, "k", "x", 20, 30));
    assertEquals(1, v.size(), v.toString());
  }

  // ---- the live workload ----

  /** One node of the workload: its cache, and its view of the fence cache. */
  private static final class Node {
    final int id;
    final SharedCache<String, String> data;
    final SharedCache<String, String> fences;

    Node(int id, RedisSharing sharing) {
      this.id = id;
      // A near cache smaller than the key space: evictions and refills race the writes too.
      this.data = sharing.cache("data", DualCache.<String, String>builder().maximumSize(12));
      this.fences = sharing.cache("fence", DualCache.<String, String>builder().maximumSize(100));
    }
  }

  @Test
  void aRandomizedTwoNodeWorkloadReadsOnlyCurrentValuesAndEndsInAgreement() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), this::runWorkload);
  }

  private void runWorkload() throws Exception {
    Node[] nodes = {new Node(0, node("a")), new Node(1, node("b"))};
    TwoNodeHistory history = new TwoNodeHistory();
    Queue<Op> stale = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong failures = new AtomicLong();
    AtomicLong staleRounds = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE + 3);
    List<Future<?>> done = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (Node n : nodes) {
        for (int t = 0; t < THREADS_PER_NODE; t++) {
          String who = "n" + n.id + "t" + t;
          long seed = 42L * (n.id * 10 + t + 1);
          done.add(
              pool.submit(
                  () -> worker(n, who, new SplittableRandom(seed), history, stop, failures)));
        }
        Node other = nodes[1 - n.id];
        done.add(pool.submit(() -> fences(n, other, history, stop)));
      }
      done.add(
          pool.submit(() -> staleReader(nodes[1], nodes[0], history, stale, stop, staleRounds)));
      Thread.sleep(RUN_MILLIS);
    } finally {
      stop.set(true);
      pool.shutdown();
    }
    for (Future<?> f : done) {
      f.get(15, TimeUnit.SECONDS); // rethrows a thread's failure
    }
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    long ran = System.nanoTime() - started;

    // Quiescence: one more fence each way, then every near copy must equal Redis.
    for (Node n : nodes) {
      AtomicLong seq = new AtomicLong(1_000_000);
      await(
          "a fence of node " + n.id,
          () -> fence(n, nodes[1 - n.id], history, seq.getAndIncrement()));
    }
    Map<String, String> redis = new HashMap<>();
    for (int k = 0; k < KEYS; k++) {
      String key = "k" + k;
      String inRedis = outsideConnection.sync().get(app + ":data:" + key);
      redis.put(key, inRedis);
      for (Node n : nodes) {
        String near = n.data.peekNear(key);
        assertTrue(
            near == null || near.equals(inRedis),
            "after quiescence, node " + n.id + " holds " + key + "=" + near + ", Redis " + inRedis);
      }
      for (Node n : nodes) {
        long s = System.nanoTime();
        String read = n.data.get(key);
        history.add(new Op(n.id, "final", "get", key).read(read, false).at(s, System.nanoTime()));
        assertEquals(inRedis, read, "node " + n.id + " reads " + key + " as Redis holds it");
        if (inRedis != null) {
          RedisServer.await(
              "node " + n.id + " holds " + key + "=" + inRedis + " near",
              DEADLINE,
              () -> inRedis.equals(n.data.get(key)) && inRedis.equals(n.data.peekNear(key)));
        }
      }
    }

    List<String> violations = history.check();
    long staleReads = stale.stream().filter(o -> o.reads).count();
    System.out.printf(
        "TwoNodeCheckerTest: %.1f s, %d ops (%d reads, %d applied writes), %d fences,"
            + " %d failed calls, %d stale-reader rounds; final state %s%n",
        ran / 1e9,
        history.ops().size(),
        history.reads(),
        history.appliedWrites(),
        history.fenceCount(),
        failures.get(),
        staleRounds.get(),
        redis.values().stream().filter(Objects::nonNull).count() + "/" + KEYS + " keys present");
    assertEquals(List.of(), first(violations, 20), violations.size() + " violations");

    // The same history with the deliberately stale reader's reads added: the checker must flag
    // them, and only them.
    List<String> caught = history.with(stale).check();
    System.out.printf(
        "TwoNodeCheckerTest: the stale reader's %d reads: %d flagged, %d of them through a fence%n",
        staleReads, caught.size(), caught.stream().filter(c -> c.contains("(fence)")).count());
    assertFalse(caught.isEmpty(), "the checker caught none of the stale reader's reads");
    for (String c : caught) {
      assertTrue(c.startsWith("stale read: get(") && c.contains(") by sticky on node"), c);
    }
    assertTrue(
        caught.stream().anyMatch(c -> c.contains("(fence)")),
        "a stale read across nodes was caught through a fence");
  }

  private static List<String> first(List<String> list, int n) {
    return list.stream().limit(n).collect(Collectors.toList());
  }

  /** Random operations on random keys of {@code n}, recorded in {@code history}. */
  private static Void worker(
      Node n,
      String who,
      SplittableRandom random,
      TwoNodeHistory history,
      AtomicBoolean stop,
      AtomicLong failures) {
    SharedCache<String, String> c = n.data;
    Map<String, String> lastSeen = new HashMap<>(); // for the compare-and-set operations
    long seq = 0;
    while (!stop.get()) {
      String key = "k" + random.nextInt(KEYS);
      String fresh = who + "#" + seq++;
      String expected = lastSeen.get(key);
      String kind = kind(random.nextInt(100), expected != null);
      Op op = new Op(n.id, who, kind, key);
      long start = System.nanoTime();
      try {
        switch (kind) {
          case "get" -> op.read(c.get(key), false);
          case "put" -> {
            c.put(key, fresh);
            op.wrote(fresh, Applied.YES);
          }
          case "remove" -> {
            // Always leaves the key absent; false: Redis held nothing (a read of null).
            if (!c.remove(key)) {
              op.read(null, true);
            }
            op.wrote(null, Applied.YES);
          }
          case "putIfAbsent" -> {
            String previous = c.putIfAbsent(key, fresh);
            op.wrote(fresh, previous == null ? Applied.YES : Applied.NO).read(previous, true);
          }
          case "replace" -> {
            String previous = c.replace(key, fresh);
            op.wrote(fresh, previous != null ? Applied.YES : Applied.NO).read(previous, true);
          }
          case "replaceIf" -> {
            if (c.replace(key, expected, fresh)) {
              op.wrote(fresh, Applied.YES).read(expected, true);
            } else {
              op.wrote(fresh, Applied.NO);
            }
          }
          case "removeIf" -> {
            if (c.remove(key, expected)) {
              op.wrote(null, Applied.YES).read(expected, true);
            } else {
              op.wrote(null, Applied.NO);
            }
          }
          default -> {
            String[] input = new String[1];
            String next =
                c.update(
                    key,
                    cur -> {
                      input[0] = cur; // the last call's input is what the applied CAS compared
                      return fresh;
                    });
            assertEquals(fresh, next);
            op.wrote(fresh, Applied.YES).read(input[0], true);
          }
        }
      } catch (SharedCacheException e) {
        // A timeout on a loaded machine: a write may or may not have applied; a read is lost.
        failures.incrementAndGet();
        op = new Op(n.id, who, kind + " (failed)", key);
        if (!kind.equals("get")) {
          op.wrote(kind.startsWith("remove") ? null : fresh, Applied.UNKNOWN);
        }
      }
      op.at(start, System.nanoTime());
      history.add(op);
      if (op.reads) {
        lastSeen.put(key, op.read);
      } else if (op.writes && op.applied == Applied.YES) {
        lastSeen.put(key, op.written);
      }
    }
    return null;
  }

  /** The operation for a roll of 0..99; the compare-and-set ones need a value seen before. */
  private static String kind(int dice, boolean seen) {
    if (dice < 40) {
      return "get";
    } else if (dice < 55) {
      return "put";
    } else if (dice < 62) {
      return "remove";
    } else if (dice < 72) {
      return "putIfAbsent";
    } else if (dice < 79) {
      return "replace";
    } else if (dice < 87 && seen) {
      return "replaceIf";
    } else if (dice < 91 && seen) {
      return "removeIf";
    }
    return "update";
  }

  /** Fences of {@code n}, driven by writes of {@code other}, until stopped. */
  private static Void fences(Node n, Node other, TwoNodeHistory history, AtomicBoolean stop)
      throws InterruptedException {
    long seq = 0;
    while (!stop.get()) {
      fence(n, other, history, seq++);
      Thread.sleep(1);
    }
    return null;
  }

  /**
   * One fence of node {@code n}; whether it was recorded. {@code n} writes a fresh fence key (its
   * own write installs its near copy and sends {@code n} no invalidation, so no invalidation of the
   * key is pending on {@code n}); at t0 {@code other} starts overwriting it; at t1 {@code n}'s near
   * copy is gone: that invalidation arrived, and so had those of every write of {@code other} that
   * returned before t0, which Redis executed earlier.
   *
   * <p>(A reused fence key would be unsound: the late drop of an earlier invalidation of the key
   * can remove a copy installed after it, before t0's write has even been sent.)
   */
  private static boolean fence(Node n, Node other, TwoNodeHistory history, long seq) {
    String key = "fence-of-" + n.id + "-" + seq;
    try {
      n.fences.put(key, "mine");
      if (!"mine".equals(n.fences.peekNear(key))) {
        return false; // not installed: an invalidation of another key of its stripe came in
      }
      long t0 = System.nanoTime();
      other.fences.put(key, "theirs");
      await(
          "node " + n.id + " got the invalidation of " + key + " (else it stays stale)",
          () -> !"mine".equals(n.fences.peekNear(key)));
      history.fence(n.id, t0, System.nanoTime());
      return true;
    } finally {
      n.fences.remove(key);
    }
  }

  /** Waits until {@code condition} holds, at most {@link #DEADLINE}, without hogging a core. */
  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + DEADLINE + " waiting until " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000);
    }
  }

  /**
   * Deliberately stale: reads on node {@code n} through a map that never forgets (as a near cache
   * that missed every invalidation would), and writes through the other node {@code writer}
   * (recorded for real) between its reads, so that its next read of the key is stale once a fence
   * shows the invalidation arrived. Its reads go to {@code stale}, not the history.
   */
  private static Void staleReader(
      Node n,
      Node writer,
      TwoNodeHistory history,
      Queue<Op> stale,
      AtomicBoolean stop,
      AtomicLong rounds) {
    Map<String, String> remembered = new HashMap<>();
    long seq = 0;
    while (!stop.get() || rounds.get() < 50) {
      String key = "k" + (seq % KEYS);
      long s = System.nanoTime();
      String v = remembered.containsKey(key) ? remembered.get(key) : n.data.get(key);
      remembered.putIfAbsent(key, v);
      stale.add(new Op(n.id, "sticky", "get", key).read(v, false).at(s, System.nanoTime()));
      String fresh = "sticky#" + seq++;
      s = System.nanoTime();
      writer.data.put(key, fresh);
      history.add(
          new Op(writer.id, "writer of sticky", "put", key)
              .wrote(fresh, Applied.YES)
              .at(s, System.nanoTime()));
      rounds.incrementAndGet();
    }
    return null;
  }
}
