package io.dualcache.jcache.usercode;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The types whose instances never change, so a store-by-value cache may share them instead of
 * copying: the immutable JDK value types, enums, and records whose every component is of such a
 * type (recursively: a record of records of strings qualifies). Classes are compared exactly: a
 * subclass of {@link BigInteger} may carry mutable state, so only {@code BigInteger} itself
 * qualifies; likewise a record component declared as an interface or a non-final class ({@code
 * List}, {@code Object}, {@code Number}) makes its record mutable, whatever it holds at run time,
 * and so does an array.
 */
public final class ImmutableTypes {

  private static final Set<Class<?>> CLASSES =
      Set.of(
          Boolean.class,
          Byte.class,
          Short.class,
          Character.class,
          Float.class,
          Double.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class,
          Instant.class,
          Duration.class,
          Period.class,
          LocalDate.class,
          LocalTime.class,
          LocalDateTime.class,
          OffsetTime.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Year.class,
          YearMonth.class,
          MonthDay.class,
          ZoneOffset.class,
          ZoneId.of("Europe/Paris").getClass()); // ZoneRegion, which is not public

  /** Answers per class once; ClassValue keeps no class loader alive. */
  private static final ClassValue<Boolean> IMMUTABLE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return isImmutableType(type, new HashSet<>());
        }
      };

  private ImmutableTypes() {}

  /**
   * Whether every instance of {@code type} is immutable; {@code visiting} holds the records being
   * decided further up, which count as immutable here (a record that refers to its own type is
   * immutable if its other components are).
   */
  private static boolean isImmutableType(Class<?> type, Set<Class<?>> visiting) {
    if (type.isPrimitive()
        || type == String.class
        || type == Integer.class
        || type == Long.class
        || CLASSES.contains(type)
        || Enum.class.isAssignableFrom(type)) {
      return true;
    }
    if (!type.isRecord()) {
      return false;
    }
    if (!visiting.add(type)) {
      return true;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      if (!isImmutableType(component.getType(), visiting)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every instance of {@code type} is immutable (compared exactly, as above): what a
   * store-by-value cache of values of that type shares instead of copying.
   */
  public static boolean isImmutableType(Class<?> type) {
    return IMMUTABLE.get(type);
  }

  /** Whether {@code object} can be shared because no one can change it. */
  public static boolean isImmutable(Object object) {
    Class<?> type = object.getClass();
    // The most common keys and values first: two compares, no lookup.
    if (type == String.class || type == Integer.class || type == Long.class) {
      return true;
    }
    return IMMUTABLE.get(type);
  }
}
