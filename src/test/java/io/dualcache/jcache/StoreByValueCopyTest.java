package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store-by-value: the copies made, the ones skipped, and the failures. */
class StoreByValueCopyTest {

  private CacheManager manager;

  @BeforeEach
  void openManager() {
    manager = TestManagers.fresh("copies");
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Test
  void immutableJdkValuesComeBackAsTheSameInstance() {
    Cache<Object, Object> cache = manager.createCache("immutable", new MutableConfiguration<>());
    String text = new String("not interned");
    Integer number = 1_000_000;
    UUID id = UUID.randomUUID();
    LocalDate date = LocalDate.of(2024, 2, 29);
    BigDecimal amount = new BigDecimal("12.50");

    cache.put("text", text);
    cache.put("number", number);
    cache.put("id", id);
    cache.put("date", date);
    cache.put("amount", amount);

    assertSame(text, cache.get("text"));
    assertSame(number, cache.get("number"));
    assertSame(id, cache.get("id"));
    assertSame(date, cache.get("date"));
    assertSame(amount, cache.get("amount"));
  }

  @Test
  void mutableValuesAreCopiedInAndOut() {
    Cache<String, ArrayList<String>> cache =
        manager.createCache("mutable", new MutableConfiguration<>());
    ArrayList<String> list = new ArrayList<>(List.of("a"));

    cache.put("k", list);
    list.add("changed by the caller after put");
    ArrayList<String> first = cache.get("k");
    first.add("changed by the caller after get");

    assertNotSame(list, first);
    assertEquals(List.of("a"), cache.get("k"));
  }

  @Test
  void storeByReferenceHandsBackTheSameObject() {
    Cache<String, ArrayList<String>> cache =
        manager.createCache(
            "by-reference",
            new MutableConfiguration<String, ArrayList<String>>().setStoreByValue(false));
    ArrayList<String> list = new ArrayList<>(List.of("a"));

    cache.put("k", list);

    assertSame(list, cache.get("k"));
  }

  @Test
  void aNonSerializableValueFailsWithItsClassAndTheCacheNameAndChangesNothing() {
    Cache<String, Object> cache = manager.createCache("strict", new MutableConfiguration<>());
    cache.put("present", "old");

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> cache.put("present", new NotSerial()));
    assertThrows(IllegalArgumentException.class, () -> cache.put("absent", new NotSerial()));

    assertTrue(failure.getMessage().contains(NotSerial.class.getName()), failure.getMessage());
    assertTrue(failure.getMessage().contains("\"strict\""), failure.getMessage());
    assertEquals("old", cache.get("present"));
    assertFalse(cache.containsKey("absent"));
  }

  @Test
  void aNonSerializableKeyFailsAndChangesNothing() {
    Cache<Object, String> cache = manager.createCache("strict-keys", new MutableConfiguration<>());

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> cache.put(new NotSerial(), "v"));

    assertTrue(failure.getMessage().contains(NotSerial.class.getName()), failure.getMessage());
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void aConfiguredCopierIsUsedInsteadOfSerialization() {
    AtomicInteger copies = new AtomicInteger();
    Copier counting =
        new Copier() {
          @Override
          public <T> T copy(T object, ClassLoader classLoader) {
            copies.incrementAndGet();
            return object;
          }
        };
    Cache<String, NotSerial> cache =
        manager.createCache(
            "custom-copier", new DualCacheConfiguration<String, NotSerial>().setCopier(counting));
    NotSerial value = new NotSerial();

    cache.put("k", value);
    NotSerial read = cache.get("k");

    assertSame(value, read, "this copier shares");
    assertTrue(copies.get() >= 3, "key in, value in, value out: " + copies.get());
  }

  @Test
  void aCopierThatSharesImmutableTypesIsNotAskedForThem() {
    AtomicInteger copies = new AtomicInteger();
    Copier sharing =
        new Copier() {
          @Override
          public <T> T copy(T object, ClassLoader classLoader) {
            copies.incrementAndGet();
            return object;
          }

          @Override
          public boolean sharesImmutableTypes() {
            return true;
          }
        };
    Cache<String, Object> cache =
        manager.createCache(
            "sharing-copier", new DualCacheConfiguration<String, Object>().setCopier(sharing));

    cache.put("k", "an immutable string");
    cache.get("k");
    assertEquals(0, copies.get(), "neither the key nor the value was given to the copier");

    cache.put("k", new ArrayList<>(List.of("a")));
    cache.get("k");
    assertEquals(2, copies.get(), "the list in and out; the key still not");
  }

  @Test
  void aValueWhoseWriteObjectThrowsFailsLikeAnUnserializableOneAndChangesNothing() {
    Cache<String, Object> cache = manager.createCache("refusing", new MutableConfiguration<>());
    cache.put("present", "old");

    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> cache.put("present", new RefusesToBeWritten()));
    assertThrows(
        IllegalArgumentException.class, () -> cache.put("absent", new RefusesToBeWritten()));

    assertTrue(
        failure.getMessage().contains(RefusesToBeWritten.class.getName()), failure.getMessage());
    assertTrue(failure.getMessage().contains("\"refusing\""), failure.getMessage());
    assertEquals(IllegalStateException.class, rootCause(failure).getClass());
    assertEquals("old", cache.get("present"));
    assertFalse(cache.containsKey("absent"));
  }

  @Test
  void aValueWhoseReadObjectThrowsOnTheWayOutFailsWithACacheExceptionNamingClassAndCache() {
    Cache<String, Object> cache = manager.createCache("unreadable", new MutableConfiguration<>());
    cache.put("k", new FailsToBeReadTwice()); // the copy in reads it back once: that works

    CacheException failure = assertThrows(CacheException.class, () -> cache.get("k"));

    assertTrue(
        failure.getMessage().contains(FailsToBeReadTwice.class.getName()), failure.getMessage());
    assertTrue(failure.getMessage().contains("\"unreadable\""), failure.getMessage());
    assertTrue(cache.containsKey("k"), "a failed copy out leaves the entry as it was");
  }

  @Test
  void aCopierThatThrowsSomethingElseIsReportedWithTheCacheNameToo() {
    Copier broken =
        new Copier() {
          @Override
          public <T> T copy(T object, ClassLoader classLoader) {
            throw new UnsupportedOperationException("this copier copies nothing");
          }
        };
    Cache<String, String> cache =
        manager.createCache(
            "broken-copier", new DualCacheConfiguration<String, String>().setCopier(broken));

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> cache.put("k", "v"));

    assertTrue(failure.getMessage().contains("\"broken-copier\""), failure.getMessage());
    assertTrue(failure.getMessage().contains("java.lang.String"), failure.getMessage());
    assertEquals(UnsupportedOperationException.class, failure.getCause().getClass());
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Deliberately not Serializable. */
  static final class NotSerial {}

  /** Serializable in name only: its writeObject always throws. */
  static final class RefusesToBeWritten implements Serializable {
    private static final long serialVersionUID = 1L;

    private void writeObject(ObjectOutputStream out) throws IOException {
      throw new IllegalStateException(getClass().getName() + " refuses to be written");
    }
  }

  /**
   * Counts the serializations it went through: a copy in (one) reads back, a copy of that copy
   * (two: the way out of a store-by-value cache) fails in readObject.
   */
  static final class FailsToBeReadTwice implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient int hops;

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.writeInt(hops + 1);
    }

    private void readObject(ObjectInputStream in) throws IOException {
      hops = in.readInt();
      if (hops >= 2) {
        throw new IllegalStateException(getClass().getName() + " refuses to be read twice");
      }
    }
  }

  /** Immutable by its components: strings, numbers, JDK values, an enum, another such record. */
  record Price(BigDecimal amount, String currency) implements Serializable {}

  record Line(int quantity, Price price, TimeUnit unit, LocalDate due) implements Serializable {}

  /** Refers to its own type: immutable, since its other component is. */
  record Chain(String label, Chain next) implements Serializable {}

  /** Mutable despite being a record: a list may change, so may an array or a plain class. */
  record Basket(List<String> items) implements Serializable {}

  record Bytes(byte[] data) implements Serializable {}

  record Holder(Object anything) implements Serializable {}

  /** A class of its own that the user vouches for. */
  static final class Money implements Serializable {
    private static final long serialVersionUID = 1L;
    final long cents;

    Money(long cents) {
      this.cents = cents;
    }
  }

  @Test
  void recordsOfImmutableComponentsAreSharedNotCopied() {
    Cache<String, Object> cache = manager.createCache("records", new MutableConfiguration<>());
    Line line =
        new Line(2, new Price(new BigDecimal("9.99"), "EUR"), TimeUnit.DAYS, LocalDate.now());
    Chain chain = new Chain("a", new Chain("b", null));
    cache.put("line", line);
    cache.put("chain", chain);
    assertSame(line, cache.get("line"), "a record of immutable components, nested");
    assertSame(chain, cache.get("chain"), "a record that refers to its own type");
  }

  @Test
  void recordsWithAMutableComponentAreCopied() {
    Cache<String, Object> cache = manager.createCache("mutable", new MutableConfiguration<>());
    Basket basket = new Basket(new ArrayList<>(List.of("apple")));
    Bytes bytes = new Bytes(new byte[] {1, 2});
    Holder holder = new Holder("a string, but declared Object");
    cache.put("basket", basket);
    cache.put("bytes", bytes);
    cache.put("holder", holder);
    basket.items().add("pear");
    bytes.data()[0] = 9;

    Basket storedBasket = (Basket) cache.get("basket");
    assertNotSame(basket, storedBasket);
    assertEquals(List.of("apple"), storedBasket.items(), "the caller's later change is not seen");
    assertEquals(1, ((Bytes) cache.get("bytes")).data()[0]);
    assertNotSame(holder, cache.get("holder"), "a component declared Object may hold anything");
    assertEquals(holder, cache.get("holder"));
  }

  @Test
  void classesDeclaredImmutableAreSharedAndOthersStillCopied() {
    Cache<String, Object> cache =
        manager.createCache(
            "vouched",
            new DualCacheConfiguration<String, Object>().setImmutableTypes(Set.of(Money.class)));
    Money money = new Money(150);
    Basket basket = new Basket(new ArrayList<>(List.of("apple")));
    cache.put("money", money);
    cache.put("basket", basket);
    assertSame(money, cache.get("money"), "vouched for: shared");
    assertNotSame(basket, cache.get("basket"), "not vouched for: copied");
  }
}
