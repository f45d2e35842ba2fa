package io.dualcache.bench.sim.trace;

import java.io.IOException;

/**
 * A named trace, the cache sizes to replay it at, and the set it belongs to. {@code keys} loads
 * (or generates) the requests; it is called once per run and the result replayed at every size.
 */
public record TraceSpec(String name, String description, int[] sizes, TraceSet set, Loader keys) {

  /**
   * Which traces a figure may be tuned on and which only report: the policy was tuned on {@link
   * #TUNING}; {@link #CHECK} (real traces) and {@link #SYNTHETIC} (seeded shapes of the weak cases
   * of issue 13) are for checking that what was tuned generalises, and must not be tuned on.
   */
  public enum TraceSet {
    TUNING("tuning set", "the traces the policy was tuned on (the eight files of the shared folder, their composites, and the first synthetic traces)"),
    CHECK("check set", "real traces the policy was not tuned on (the six files the shared README added on 2026-12-01)"),
    SYNTHETIC("synthetic check set", "seeded shapes of the weak cases of issue 13, not tuned on");

    private final String title;
    private final String what;

    TraceSet(String title, String what) {
      this.title = title;
      this.what = what;
    }

    public String title() {
      return title;
    }

    public String what() {
      return what;
    }

    /** The set named {@code name} (its constant's name, any case). */
    public static TraceSet of(String name) {
      return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Loads or generates the keys. */
  @FunctionalInterface
  public interface Loader {
    long[] load() throws IOException;
  }
}
