package io.dualcache.jcache.config;

import java.lang.reflect.InvocationTargetException;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * A JSR-107 {@link Factory} that makes each object with the public no-argument constructor of a
 * class named in a configuration file. The class was checked when the file was read, so {@link
 * #create} fails only if the constructor itself throws.
 *
 * @param <T> the type of objects made
 */
final class InstanceFactory<T> implements Factory<T> {

  private static final long serialVersionUID = 1L;

  private final Class<? extends T> type;

  InstanceFactory(Class<? extends T> type) {
    this.type = type;
  }

  @Override
  public T create() {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new CacheException(
          "the constructor of " + type.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new CacheException("cannot create a " + type.getName() + ": " + e, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceFactory<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "InstanceFactory[" + type.getName() + "]";
  }
}
