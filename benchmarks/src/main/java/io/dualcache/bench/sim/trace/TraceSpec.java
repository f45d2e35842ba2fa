package io.dualcache.bench.sim.trace;

import java.io.IOException;

/**
 * A named trace and the cache sizes to replay it at. {@code keys} loads (or generates) the
 * requests; it is called once per run and the result replayed at every size.
 */
public record TraceSpec(String name, String description, int[] sizes, Loader keys) {

  /** Loads or generates the keys. */
  @FunctionalInterface
  public interface Loader {
    long[] load() throws IOException;
  }
}
