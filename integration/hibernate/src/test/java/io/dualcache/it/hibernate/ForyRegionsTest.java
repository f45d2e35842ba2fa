package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.fory.ForyCopier;
import io.dualcache.jcache.DualCacheConfiguration;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's regions stored by value and copied by the Fory copier ({@code copier = fory} in the
 * template): entities, collections and query results come back from the cache as Hibernate wrote
 * them, and an update is read back.
 */
class ForyRegionsTest {

  private static final SqlCounter SQL = new SqlCounter();
  private static SessionFactory sessionFactory;

  @BeforeAll
  static void openDatabase() {
    sessionFactory = Database.open("hibernate-fory.conf", null, SQL);
    Database.persistAdaWithThreeBooks(sessionFactory);
  }

  @AfterAll
  static void closeDatabase() {
    sessionFactory.close();
  }

  @Test
  void everyRegionStoresByValueWithAForyCopierOfItsOwn() {
    sessionFactory.inSession(session -> session.find(Author.class, 1L).getBooks().size());
    for (String name : List.of(Book.class.getName(), Author.class.getName() + ".books")) {
      DualCacheConfiguration<?, ?> region =
          Database.cacheManagerOf(sessionFactory)
              .getCache(name)
              .getConfiguration(DualCacheConfiguration.class);
      assertTrue(region.isStoreByValue(), name);
      assertInstanceOf(ForyCopier.class, region.getCopier(), name);
    }
  }

  @Test
  void entitiesCollectionsAndQueriesAreServedFromTheCopiedEntries() {
    sessionFactory.getCache().evictAllRegions();
    String hql = "from Book where title like :prefix order by id";
    sessionFactory.inSession(
        session -> {
          assertEquals(3, session.find(Author.class, 1L).getBooks().size());
          session
              .createSelectionQuery(hql, Book.class)
              .setParameter("prefix", "Book%")
              .setCacheable(true)
              .list();
        });
    SQL.takeCount();

    sessionFactory.inSession(
        session -> {
          Author author = session.find(Author.class, 1L);
          assertEquals("Ada", author.getName());
          assertEquals(3, author.getBooks().size());
          List<Book> books =
              session
                  .createSelectionQuery(hql, Book.class)
                  .setParameter("prefix", "Book%")
                  .setCacheable(true)
                  .list();
          assertEquals(
              List.of("Book 1", "Book 2", "Book 3"), books.stream().map(Book::getTitle).toList());
        });

    assertEquals(0, SQL.takeCount(), "author, collection, books and query all from the cache");
  }

  @Test
  void anUpdateIsReadBackThroughTheCopies() {
    sessionFactory.inSession(session -> session.find(Book.class, 2L)); // cached
    sessionFactory.inTransaction(session -> session.find(Book.class, 2L).setTitle("Renamed"));
    SQL.takeCount();

    sessionFactory.inSession(
        session -> assertEquals("Renamed", session.find(Book.class, 2L).getTitle()));

    assertEquals(0, SQL.takeCount(), "read from the cache");
    sessionFactory.inTransaction(session -> session.find(Book.class, 2L).setTitle("Book 2"));
  }
}
