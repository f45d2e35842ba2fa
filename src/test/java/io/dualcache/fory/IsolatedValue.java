package io.dualcache.fory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A value class that {@link ForyCopierTest} loads a second time with a class loader of its own, as
 * an application server gives each application its classes; read through {@link Supplier}, which
 * both loaders share.
 */
public final class IsolatedValue implements Serializable, Supplier<List<String>> {
  private static final long serialVersionUID = 1L;

  private final List<String> items = new ArrayList<>(List.of("first"));

  @Override
  public List<String> get() {
    return items;
  }
}
