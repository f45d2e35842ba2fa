package io.dualcache.fory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Fory copier through a store-by-value cache: copies are independent, keep cycles and shared
 * references, leave what Java serialization defines (transient fields, readObject, readResolve) to
 * it, refuse what it refuses, copy classes of the manager's own class loader, and copy on many
 * threads at once.
 */
class ForyCopierTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  private CacheManager manager;

  @BeforeEach
  void openManager() {
    manager = managerWith(ForyCopierTest.class.getClassLoader());
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private static CacheManager managerWith(ClassLoader loader) {
    URI uri = URI.create("test-fory-" + IDS.incrementAndGet());
    return Caching.getCachingProvider().getCacheManager(uri, loader);
  }

  private static <V> Cache<String, V> foryCache(CacheManager manager, String name) {
    return manager.createCache(
        name, new DualCacheConfiguration<String, V>().setCopier(new ForyCopier()));
  }

  @Test
  void changingTheValuePutOrTheValueReturnedDoesNotChangeTheCache() {
    Cache<String, Person> cache = foryCache(manager, "independent");
    Person ann = new Person("ann");
    ann.tags.add("a");

    cache.put("k", ann);
    ann.name = "changed after put";
    ann.tags.add("changed after put");
    Person read = cache.get("k");
    read.name = "changed after get";
    read.tags.add("changed after get");

    assertNotSame(ann, read);
    Person again = cache.get("k");
    assertEquals("ann", again.name);
    assertEquals(List.of("a"), again.tags);
  }

  @Test
  void cyclesAndSharedReferencesAreKept() {
    Cache<String, Person> cache = foryCache(manager, "graph");
    Person ann = new Person("ann");
    Person bob = new Person("bob");
    ann.friend = bob;
    bob.friend = ann;
    Address shared = new Address("1 Main St");
    ann.home = shared;
    ann.work = shared;
    bob.home = shared;

    cache.put("k", ann);
    Person copy = cache.get("k");

    assertNotSame(ann, copy);
    assertSame(copy, copy.friend.friend, "the cycle ann -> bob -> ann");
    assertSame(copy.home, copy.work, "one address reached twice is one copy");
    assertSame(copy.home, copy.friend.home);
    assertNotSame(shared, copy.home);
    assertEquals("1 Main St", copy.home.street);
  }

  @Test
  void transientFieldsStayUnsetAsSerializationLeavesThemAndTheClassIsLoggedOnce() throws Exception {
    Cache<String, Session> cache = foryCache(manager, "transient");
    Session session = new Session("ann");
    session.hits = 7;

    try (LogCapture log = new LogCapture(ForyCopier.class.getName())) {
      cache.put("k", session);
      Session copy = cache.get("k");
      cache.get("k");

      assertEquals("ann", copy.user);
      assertNull(copy.lock, "transient: unset, as Java serialization leaves it");
      assertEquals(0, copy.hits);
      List<String> lines = log.linesWith(Session.class.getName());
      assertEquals(1, lines.size(), "one line for the class, however often it is copied: " + lines);
      assertTrue(lines.get(0).contains("its field"), lines.get(0));
      assertTrue(lines.get(0).contains("is transient"), lines.get(0));
    }
  }

  @Test
  void aNestedClassWithReadObjectIsCopiedByItAndStillOnceWhenReachedTwice() {
    Cache<String, Holder> cache = foryCache(manager, "read-object");
    Holder holder = new Holder();
    Derived derived = new Derived(21);
    holder.first = derived;
    holder.second = derived;

    cache.put("k", holder);
    Holder copy = cache.get("k");

    assertNotSame(derived, copy.first);
    assertEquals(42, ((Derived) copy.first).twice, "its readObject ran on the copy");
    assertSame(copy.first, copy.second, "reached twice, copied once");
  }

  @Test
  void aNestedReadResolveSingletonStaysTheSingleton() {
    Cache<String, Holder> cache = foryCache(manager, "read-resolve");
    Holder holder = new Holder();
    holder.first = Level.HIGH;

    cache.put("k", holder);

    assertSame(Level.HIGH, cache.get("k").first);
  }

  @Test
  void nestedEnumsAndImmutableRecordsAreSharedNotSerialized() throws Exception {
    Cache<String, Holder> cache = foryCache(manager, "immutables");
    Holder holder = new Holder();
    holder.first = Colour.RED; // a constant with a body: a subclass of the enum
    holder.second = new Point(1, 2);

    try (LogCapture log = new LogCapture(ForyCopier.class.getName())) {
      cache.put("k", holder);
      Holder copy = cache.get("k");

      assertSame(Colour.RED, copy.first);
      assertSame(holder.second, copy.second, "a record of ints cannot change: shared");
      assertEquals(List.of(), log.linesWith(Colour.class.getName()), "not serialized");
    }
  }

  @Test
  void whatSerializationRefusesIsRefusedWithTheSameMessage() {
    Cache<String, Object> cache = foryCache(manager, "strict");
    cache.put("present", "old");
    Holder holder = new Holder();
    holder.first = new NotSerial();

    IllegalArgumentException top =
        assertThrows(IllegalArgumentException.class, () -> cache.put("present", new NotSerial()));
    IllegalArgumentException nested =
        assertThrows(IllegalArgumentException.class, () -> cache.put("absent", holder));

    assertTrue(top.getMessage().contains(NotSerial.class.getName()), top.getMessage());
    assertTrue(top.getMessage().contains("\"strict\""), top.getMessage());
    assertTrue(top.getMessage().contains("not serializable"), top.getMessage());
    assertTrue(nested.getMessage().contains(NotSerial.class.getName()), nested.getMessage());
    assertEquals("old", cache.get("present"));
    assertTrue(!cache.containsKey("absent"));
  }

  @Test
  void aValueClassOfTheManagersOwnClassLoaderIsCopiedAsThatClass() throws Exception {
    IsolatingLoader loader = new IsolatingLoader(ForyCopierTest.class.getClassLoader());
    Class<?> isolated = loader.loadClass(IsolatedValue.class.getName());
    assertNotSame(IsolatedValue.class, isolated, "the test needs a second copy of the class");
    CacheManager own = managerWith(loader);
    try {
      Cache<String, Object> cache = foryCache(own, "isolated");
      Object value = isolated.getConstructor().newInstance();

      cache.put("k", value);
      Object copy = cache.get("k");
      @SuppressWarnings("unchecked")
      Supplier<List<String>> items = (Supplier<List<String>>) copy;
      items.get().add("changed after get");

      assertNotSame(value, copy);
      assertSame(isolated, copy.getClass());
      assertSame(loader, copy.getClass().getClassLoader());
      @SuppressWarnings("unchecked")
      Supplier<List<String>> again = (Supplier<List<String>>) cache.get("k");
      assertEquals(List.of("first"), again.get());
    } finally {
      own.close();
    }
  }

  @Test
  void manyThreadsCopyAtOnceEachGettingItsOwnValues() throws Exception {
    Cache<String, Person> cache = foryCache(manager, "threads");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String thread = "t" + t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    Person person = new Person(thread + "-" + i);
                    person.friend = person;
                    cache.put(person.name, person);
                    Person copy = cache.get(person.name);
                    assertEquals(person.name, copy.name);
                    assertSame(copy, copy.friend);
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  /** Fory's own rule, which the README states: a JDK list reached twice is copied twice. */
  @Test
  void aJdkListReachedTwiceIsCopiedTwiceAsTheReadmeSays() {
    Cache<String, Holder> cache = foryCache(manager, "fory-gap");
    Holder holder = new Holder();
    ArrayList<String> list = new ArrayList<>(List.of("a"));
    holder.first = list;
    holder.second = list;

    cache.put("k", holder);
    Holder copy = cache.get("k");

    assertEquals(copy.first, copy.second);
    assertNotSame(copy.first, copy.second);
  }

  static final class Person implements Serializable {
    private static final long serialVersionUID = 1L;
    String name;
    Person friend;
    Address home;
    Address work;
    final List<String> tags = new ArrayList<>();

    Person(String name) {
      this.name = name;
    }
  }

  static final class Address implements Serializable {
    private static final long serialVersionUID = 1L;
    final String street;

    Address(String street) {
      this.street = street;
    }
  }

  static final class Session implements Serializable {
    private static final long serialVersionUID = 1L;
    final String user;
    transient Object lock = new Object();
    transient int hits;

    Session(String user) {
      this.user = user;
    }
  }

  static final class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    Object first;
    Object second;
  }

  static final class Derived implements Serializable {
    private static final long serialVersionUID = 1L;
    final int value;
    transient int twice;

    Derived(int value) {
      this.value = value;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      twice = 2 * value;
    }
  }

  static final class Level implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Level HIGH = new Level();

    private Object readResolve() {
      return HIGH;
    }
  }

  enum Colour {
    RED {
      @Override
      String code() {
        return "r";
      }
    };

    abstract String code();
  }

  record Point(int x, int y) implements Serializable {}

  static final class NotSerial {
    int value;
  }

  /** Loads IsolatedValue itself from the test classes (child first), everything else as usual. */
  static final class IsolatingLoader extends ClassLoader {
    IsolatingLoader(ClassLoader parent) {
      super("isolated", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(IsolatedValue.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }
}
