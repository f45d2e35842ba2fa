package io.dualcache.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link SharedCodec#serialization}: the first byte tells the form. {@code 0xAC 0xED} starts a Java
 * serialization stream (0xAC never starts a UTF-8 string); bytes below 8 are tags for the compact
 * forms; anything else is a UTF-8 String. A String that is empty is stored empty; one whose first
 * char is below 8 is tagged; one that UTF-8 cannot keep (an unpaired surrogate) is serialized.
 */
final class DefaultCodec implements SharedCodec {
  private static final byte STRING = 1;
  private static final byte INTEGER = 2;
  private static final byte LONG = 3;
  private static final byte BOOLEAN = 4;
  private static final byte DOUBLE = 5;
  private static final int TAGS = 8;

  private final WeakReference<ClassLoader> loader;

  DefaultCodec(ClassLoader loader) {
    this.loader = new WeakReference<>(loader);
  }

  @Override
  public byte[] encode(Object value) {
    if (value instanceof String s && !hasUnpairedSurrogate(s)) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (s.isEmpty() || s.charAt(0) >= TAGS) {
        return utf8;
      }
      return tagged(STRING, utf8.length).put(utf8).array();
    } else if (value instanceof Integer i) {
      return tagged(INTEGER, 4).putInt(i).array();
    } else if (value instanceof Long l) {
      return tagged(LONG, 8).putLong(l).array();
    } else if (value instanceof Boolean b) {
      return tagged(BOOLEAN, 1).put((byte) (b ? 1 : 0)).array();
    } else if (value instanceof Double d) {
      return tagged(DOUBLE, 8).putDouble(d).array();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot serialize a " + value.getClass().getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  /**
   * Whether {@code s} has a surrogate char that is not half of a pair: UTF-8 writes it as {@code
   * ?}, so {@code "x\uD800"} and {@code "x?"} would share a Redis key. Such a string takes the
   * serialized form, which keeps every char.
   */
  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a pair: UTF-8 keeps it
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static ByteBuffer tagged(byte tag, int length) {
    return ByteBuffer.allocate(1 + length).put(tag);
  }

  @Override
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      return "";
    }
    int first = bytes[0] & 0xFF;
    if (first == 0xAC && bytes.length > 1 && (bytes[1] & 0xFF) == 0xED) {
      return deserialize(bytes);
    }
    if (first >= TAGS) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    return switch (first) {
      case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      case INTEGER -> in.getInt();
      case LONG -> in.getLong();
      case BOOLEAN -> in.get() != 0;
      case DOUBLE -> in.getDouble();
      default -> throw new IllegalArgumentException("unknown codec tag " + first);
    };
  }

  private Object deserialize(byte[] bytes) {
    ClassLoader classLoader = loader.get();
    try (ObjectInputStream in =
        new LoaderInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      return in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize: " + e, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("cannot deserialize: " + e, e);
    }
  }

  /** Resolves classes through the given loader (the context's or this class's when gone). */
  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (loader == null) {
        return super.resolveClass(desc);
      }
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
