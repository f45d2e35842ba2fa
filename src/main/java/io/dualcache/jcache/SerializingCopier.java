package io.dualcache.jcache;

import io.dualcache.jcache.usercode.ImmutableTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import javax.cache.CacheException;

/**
 * The default {@link Copier}: shares immutable JDK values (strings, boxed primitives, enums, {@code
 * BigInteger}, {@code BigDecimal}, {@code UUID}, {@code java.time} values) and copies everything
 * else by Java serialization, resolving classes with the cache manager's class loader.
 */
public final class SerializingCopier implements Copier {

  /** The shared instance; the copier holds no state. */
  public static final SerializingCopier INSTANCE = new SerializingCopier();

  private SerializingCopier() {}

  @Override
  public boolean sharesImmutableTypes() {
    return true;
  }

  @Override
  public <T> T copy(T object, ClassLoader classLoader) {
    if (ImmutableTypes.isImmutable(object)) {
      return object;
    }
    @SuppressWarnings("unchecked") // deserializing what we serialized gives the same class back
    T copy = (T) deserialize(serialize(object), classLoader, object.getClass());
    return copy;
  }

  private static byte[] serialize(Object object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "a "
              + object.getClass().getName()
              + " cannot be stored by value: it is not serializable ("
              + e.getMessage()
              + " does not implement java.io.Serializable)",
          e);
    } catch (IOException | RuntimeException e) { // a writeObject that throws, say
      throw new IllegalArgumentException(
          "a "
              + object.getClass().getName()
              + " cannot be stored by value: serializing failed ("
              + e
              + ")",
          e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes, ClassLoader classLoader, Class<?> type) {
    try (ObjectInputStream in = new LoaderObjectInputStream(bytes, classLoader)) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) { // a throwing readObject
      throw new CacheException(
          "a copy of a "
              + type.getName()
              + " could not be deserialized with "
              + classLoader
              + " ("
              + e
              + ")",
          e);
    }
  }

  /** Resolves classes with the cache's class loader first, then as Java serialization would. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    LoaderObjectInputStream(byte[] bytes, ClassLoader classLoader) throws IOException {
      super(asStream(bytes));
      this.classLoader = classLoader;
    }

    private static InputStream asStream(byte[] bytes) {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (classLoader != null) {
        try {
          return Class.forName(desc.getName(), false, classLoader);
        } catch (ClassNotFoundException notThere) {
          // primitives and classes of other loaders: let the default resolution try
        }
      }
      return super.resolveClass(desc);
    }
  }
}
