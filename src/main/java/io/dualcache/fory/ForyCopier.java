package io.dualcache.fory;

import io.dualcache.jcache.Copier;
import io.dualcache.jcache.SerializingCopier;
import io.dualcache.jcache.usercode.ImmutableTypes;
import org.apache.fory.Fory;
import org.apache.fory.ThreadLocalFory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.Serializer;

/**
 * A {@link Copier} that copies by walking the object graph with Apache Fory instead of writing and
 * reading a serialized form: a get of a store-by-value cache costs about what building the copy
 * costs (see the README's figures). It needs {@code org.apache.fory:fory-core} on the class or
 * module path; choose it with {@code copier = fory} in a cache block of the configuration file, or
 * in code:
 *
 * <pre>{@code
 * new DualCacheConfiguration<String, Order>().setCopier(new ForyCopier())
 * }</pre>
 *
 * <p>What it keeps of Java serialization's copy: the copy is of the same classes (so the manager's
 * class loader is what it was for the original); cycles and references shared between objects of
 * the application's classes are kept; a class that serialization would refuse is refused with the
 * same {@link IllegalArgumentException}; and every class whose serialized copy differs from a field
 * copy (custom {@code writeObject}/{@code readObject}, {@code writeReplace}/{@code readResolve},
 * {@code Externalizable}, transient fields: see {@code SerializationOnly}) is copied by Java
 * serialization, wherever it is in the graph, with one INFO line per class the first time. One
 * difference remains, Fory's: a {@code HashMap}, {@code ArrayList}, array of primitives or array of
 * strings reached twice in one value is copied twice (its cycles are kept).
 *
 * <p>Thread-safe: each thread copies with its own Fory instance, made the first time it copies. A
 * copier keeps what it learned of the classes it copied (and their generated copy code), so give
 * each cache manager its own; the configuration file gives each cache its own.
 */
public final class ForyCopier implements Copier {

  private static final System.Logger LOG = System.getLogger(ForyCopier.class.getName());

  /** Why the serializers here write and read nothing: the copier's Fory instances only copy. */
  private static final String ONLY_COPIES = "ForyCopier's Fory instances only copy";

  /**
   * Why each class is copied by Java serialization, or "" when Fory copies it; decided, and logged,
   * once per class for all copiers (ClassValue keeps no class loader alive).
   */
  private static final ClassValue<String> SERIALIZED_BECAUSE =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          String reason = SerializationOnly.reason(type);
          if (reason == null) {
            return "";
          }
          if (java.io.Serializable.class.isAssignableFrom(type)) { // else refused, not copied
            LOG.log(
                System.Logger.Level.INFO,
                "copier fory copies {0} by Java serialization: {1}",
                type.getName(),
                reason);
          }
          return reason;
        }
      };

  /** One Fory per thread: a Fory instance is not thread-safe. */
  private final ThreadSafeFory fory = new ThreadLocalFory(ForyCopier::newFory);

  /** A copier with its own Fory instances. */
  public ForyCopier() {}

  private static Fory newFory(ClassLoader classLoader) {
    Fory fory =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .withRefCopy(true) // cycles and shared references, as serialization keeps them
            .requireClassRegistration(false) // it copies; it reads no bytes from elsewhere
            .suppressClassRegistrationWarnings(true)
            .withClassLoader(classLoader)
            .build();
    fory.getTypeResolver().setSerializerFactory(ForyCopier::serializerOf);
    return fory;
  }

  /**
   * Asked by Fory for each class it has no serializer of its own for: immutable ones (enums,
   * records of immutable components, ...) are shared, those serialization defines differently are
   * copied by it, and the rest (null) are left to Fory's field copy.
   */
  private static Serializer<?> serializerOf(Fory fory, Class<?> type) {
    if (ImmutableTypes.isImmutableType(type)) {
      return new Shared<>(fory, type);
    }
    return SERIALIZED_BECAUSE.get(type).isEmpty() ? null : new SerializedCopy<>(fory, type);
  }

  @Override
  public boolean sharesImmutableTypes() {
    return true;
  }

  @Override
  public <T> T copy(T object, ClassLoader classLoader) {
    if (ImmutableTypes.isImmutable(object)) {
      return object;
    }
    try {
      return fory.copy(object);
    } catch (RuntimeException e) {
      throw refusal(object, e);
    }
  }

  /**
   * What a failed copy throws: the IllegalArgumentException with which serialization refused a
   * class of the graph (through whatever Fory wrapped it in), or one naming the value's class.
   */
  private static IllegalArgumentException refusal(Object object, RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof Refused refused) {
        return refused.refusal;
      }
    }
    return new IllegalArgumentException(
        "a " + object.getClass().getName() + " could not be copied by Fory: " + failure, failure);
  }

  /** Carries serialization's refusal of one object of the graph out through Fory. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: thrown and caught within one copy
    final IllegalArgumentException refusal;

    Refused(IllegalArgumentException refusal) {
      super(refusal.getMessage(), refusal, false, false);
      this.refusal = refusal;
    }
  }

  /** A serializer for copying only: these Fory instances never write or read a buffer. */
  private abstract static class CopyOnly<T> extends Serializer<T> {
    CopyOnly(Fory fory, Class<T> type) {
      super(fory, type);
    }

    CopyOnly(Fory fory, Class<T> type, boolean needToWriteRef, boolean immutable) {
      super(fory, type, needToWriteRef, immutable);
    }

    @Override
    public final void write(MemoryBuffer buffer, T value) {
      throw new UnsupportedOperationException(ONLY_COPIES);
    }

    @Override
    public final T read(MemoryBuffer buffer) {
      throw new UnsupportedOperationException(ONLY_COPIES);
    }
  }

  /** Hands out objects of an immutable class as they are: Fory's copy of an immutable is itself. */
  private static final class Shared<T> extends CopyOnly<T> {
    Shared(Fory fory, Class<T> type) {
      super(fory, type, false, true);
    }
  }

  /**
   * Copies objects of one class by Java serialization, resolving classes with that class's own
   * loader (the copy is of the same class); registered with Fory's copy-reference tracking, so an
   * object reached twice is copied once.
   */
  private static final class SerializedCopy<T> extends CopyOnly<T> {
    SerializedCopy(Fory fory, Class<T> type) {
      super(fory, type);
    }

    @Override
    public T copy(T value) {
      try {
        return SerializingCopier.INSTANCE.copy(value, value.getClass().getClassLoader());
      } catch (IllegalArgumentException refused) {
        throw new Refused(refused);
      }
    }
  }
}
