package io.dualcache.jcache.config;

import java.lang.reflect.Modifier;

/**
 * Checks a class named in a configuration file: that the manager's class loader finds it, that it
 * implements what the key needs and, for classes DualCache instantiates, that it has a public
 * no-argument constructor. Each check fails with the reason, for {@link ConfigProblems}.
 */
final class ClassSetting {

  private ClassSetting() {}

  /** What an implementation key accepts, for messages. */
  static String acceptedImplementation(Class<?> required) {
    return "the binary name of a public class (nested: Outer$Inner) implementing "
        + required.getName()
        + ", with a public no-argument constructor";
  }

  /** What a type key accepts, for messages. */
  static String acceptedType() {
    return "the binary name of a class (nested: Outer$Inner) on the class path";
  }

  /**
   * The class named {@code className}.
   *
   * @throws IllegalArgumentException saying why there is no such class
   */
  static Class<?> type(String className, ClassLoader loader) {
    try {
      return Class.forName(className.trim(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "unknown class \"" + className + "\" (class loader " + loader + ")", e);
    }
  }

  /**
   * The class named {@code className}, checked to be a concrete {@code required} with a public
   * no-argument constructor.
   *
   * @throws IllegalArgumentException saying which check failed
   */
  static Class<?> implementation(String className, Class<?> required, ClassLoader loader) {
    Class<?> type = type(className, loader);
    if (!required.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "class " + type.getName() + " does not implement " + required.getName());
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException("class " + type.getName() + " is abstract");
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      // DualCache could not call even a public constructor of it.
      throw new IllegalArgumentException("class " + type.getName() + " is not public");
    }
    boolean publicNoArgConstructor;
    try {
      publicNoArgConstructor = Modifier.isPublic(type.getDeclaredConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      publicNoArgConstructor = false;
    }
    if (!publicNoArgConstructor) {
      throw new IllegalArgumentException(
          "class " + type.getName() + " has no public no-argument constructor");
    }
    return type;
  }
}
