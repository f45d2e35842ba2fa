package io.dualcache.jcache.config;

import io.dualcache.jcache.usercode.Closeables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The executors a cache manager made for the {@code executor} setting of its configuration file:
 * one instance per class, shared by every cache of the manager that names it, and shut down when
 * the manager closes (executors passed in code belong to the caller and are never touched).
 */
public final class ConfiguredExecutors {

  /** Guarded by {@code this}. */
  private final Map<Class<?>, Executor> byClass = new LinkedHashMap<>();

  /** The manager's instance of {@code type}, made on first use. */
  synchronized Executor get(Class<?> type) {
    return byClass.computeIfAbsent(type, unused -> (Executor) new InstanceFactory<>(type).create());
  }

  /** Shuts down every executor made so far: {@code shutdown()}, or {@code close()}. */
  public void shutDown(String owner) {
    List<Executor> executors;
    synchronized (this) {
      executors = new ArrayList<>(byClass.values());
      byClass.clear();
    }
    for (Executor executor : executors) {
      if (executor instanceof ExecutorService service) {
        service.shutdown();
      } else {
        Closeables.closeQuietly(executor, "executor of " + owner);
      }
    }
  }
}
