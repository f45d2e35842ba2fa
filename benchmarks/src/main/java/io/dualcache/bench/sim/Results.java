package io.dualcache.bench.sim;

import io.dualcache.bench.sim.trace.TraceSpec.TraceSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every measurement of a simulator run, in the order taken, looked up by (trace, size, policy). */
final class Results {

  private final Map<String, Measurement> byKey = new LinkedHashMap<>();
  private final Map<String, List<Integer>> sizesByTrace = new LinkedHashMap<>();
  private final Map<String, TraceSet> setByTrace = new LinkedHashMap<>();

  /** Records which set {@code trace} belongs to (the report groups its rows by set). */
  void set(String trace, TraceSet set) {
    setByTrace.put(trace, set);
  }

  /** The set of {@code trace}; {@link TraceSet#TUNING} for a trace never registered. */
  TraceSet setOf(String trace) {
    return setByTrace.getOrDefault(trace, TraceSet.TUNING);
  }

  void add(Measurement m) {
    byKey.put(key(m.trace(), m.size(), m.policy()), m);
    List<Integer> sizes = sizesByTrace.computeIfAbsent(m.trace(), t -> new ArrayList<>());
    if (!sizes.contains(m.size())) {
      sizes.add(m.size());
    }
  }

  Measurement get(String trace, int size, String policy) {
    return byKey.get(key(trace, size, policy));
  }

  /** The mean hit ratio, or null if the policy was not run there. */
  Double mean(String trace, int size, String policy) {
    Measurement m = get(trace, size, policy);
    return m == null ? null : m.mean();
  }

  Map<String, List<Integer>> sizesByTrace() {
    return sizesByTrace;
  }

  private static String key(String trace, int size, String policy) {
    return trace + "@" + size + "@" + policy;
  }
}
