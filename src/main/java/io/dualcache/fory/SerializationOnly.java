package io.dualcache.fory;

import java.io.Externalizable;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Which classes {@link ForyCopier} leaves to Java serialization, because a field-by-field copy
 * would differ from the copy that Java serialization makes, and why. A class is left to it when it
 * or a superclass:
 *
 * <ul>
 *   <li>is not {@link Serializable}: serialization refuses it, so the fast copier refuses it with
 *       the same message (switching copiers never makes a cache accept other values);
 *   <li>is {@link Externalizable}: its own {@code writeExternal}/{@code readExternal} make the
 *       copy;
 *   <li>declares {@code writeObject}, {@code readObject} or {@code readObjectNoData}: they may
 *       write something else than the fields, or restore transient state;
 *   <li>declares {@code writeReplace} or {@code readResolve}: the copy may be another object (a
 *       singleton, a proxy);
 *   <li>has a transient instance field: Java serialization leaves it unset (0, false or null) in
 *       the copy, which a field copy would not.
 * </ul>
 *
 * Fory's own copies of JDK classes (collections, maps, dates, arrays, ...) are not asked about:
 * Fory copies them as serialization would, without this check.
 */
final class SerializationOnly {

  private SerializationOnly() {}

  /** Why {@code type} must be copied by Java serialization, or null if Fory may copy it. */
  static String reason(Class<?> type) {
    if (!Serializable.class.isAssignableFrom(type)) {
      return "it is not Serializable";
    }
    if (Externalizable.class.isAssignableFrom(type)) {
      return "it is Externalizable";
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      String own = declaredReason(c);
      if (own != null) {
        return c == type ? own : own + " in its superclass " + c.getName();
      }
    }
    return null;
  }

  private static String declaredReason(Class<?> c) {
    if (declares(c, "writeObject", ObjectOutputStream.class)) {
      return "it declares writeObject";
    }
    if (declares(c, "readObject", ObjectInputStream.class)) {
      return "it declares readObject";
    }
    if (declares(c, "readObjectNoData")) {
      return "it declares readObjectNoData";
    }
    if (declares(c, "writeReplace")) {
      return "it declares writeReplace";
    }
    if (declares(c, "readResolve")) {
      return "it declares readResolve";
    }
    for (Field field : c.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isTransient(modifiers) && !Modifier.isStatic(modifiers)) {
        return "its field " + field.getName() + " is transient";
      }
    }
    return null;
  }

  private static boolean declares(Class<?> c, String name, Class<?>... parameters) {
    for (Method method : c.getDeclaredMethods()) {
      if (method.getName().equals(name)
          && !Modifier.isStatic(method.getModifiers())
          && java.util.Arrays.equals(method.getParameterTypes(), parameters)) {
        return true;
      }
    }
    return false;
  }
}
