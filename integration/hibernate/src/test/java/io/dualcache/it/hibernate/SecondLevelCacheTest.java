package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.jcache.DualCacheConfiguration;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate ORM 7 on H2 with DualCache as its second-level cache, every region pre-configured
 * from the file's template, under Hibernate's default missing-cache strategy (create-warn).
 */
class SecondLevelCacheTest {

  private static final String BOOK_REGION = Book.class.getName();
  private static final String AUTHOR_REGION = Author.class.getName();
  private static final String COLLECTION_REGION = AUTHOR_REGION + ".books";
  private static final String QUERY_REGION = "default-query-results-region";
  private static final String TIMESTAMPS_REGION = "default-update-timestamps-region";

  private static final SqlCounter SQL = new SqlCounter();
  private static SessionFactory sessionFactory;
  private static List<String> missingCacheWarnings;

  @BeforeAll
  static void openDatabase() {
    try (CacheWarnings warnings = CacheWarnings.collect()) {
      sessionFactory = Database.open("hibernate-dualcache.conf", null, SQL);
      missingCacheWarnings = warnings.missingCacheWarnings();
    }
    Database.persistAdaWithThreeBooks(sessionFactory);
  }

  @AfterAll
  static void closeDatabase() {
    sessionFactory.close();
  }

  @BeforeEach
  void startCold() {
    sessionFactory.getCache().evictAllRegions();
    statistics().clear();
    SQL.takeCount();
  }

  private static Statistics statistics() {
    return sessionFactory.getStatistics();
  }

  private static Cache<Object, Object> region(String name) {
    return Database.cacheManagerOf(sessionFactory).getCache(name);
  }

  @Test
  void noMissingCacheWarningIsLoggedWhenRegionsArePreconfigured() {
    assertEquals(List.of(), missingCacheWarnings);
  }

  @Test
  void everyRegionGetsTheTemplatesSettingsAndTheDeclaredOneItsBound() {
    DualCacheConfiguration<?, ?> authors =
        region(AUTHOR_REGION).getConfiguration(DualCacheConfiguration.class);
    DualCacheConfiguration<?, ?> books =
        region(BOOK_REGION).getConfiguration(DualCacheConfiguration.class);

    assertEquals(10_000L, authors.getMaximumSize().getAsLong());
    assertFalse(authors.isStoreByValue());
    assertTrue(authors.isStatisticsEnabled());
    assertInstanceOf(ModifiedExpiryPolicy.class, authors.getExpiryPolicyFactory().create());
    assertEquals(50L, books.getMaximumSize().getAsLong());
    assertFalse(books.isStoreByValue());
  }

  @Test
  void theSecondLoadOfAnEntityInANewSessionIsACacheHitWithoutSql() {
    sessionFactory.inSession(session -> assertEquals("Book 1", session.find(Book.class, 1L).getTitle()));
    assertEquals(1, SQL.takeCount(), "the first load reads the database");

    sessionFactory.inSession(session -> assertEquals("Book 1", session.find(Book.class, 1L).getTitle()));

    assertEquals(0, SQL.takeCount(), "the second load reads the cache");
    assertEquals(1, statistics().getDomainDataRegionStatistics(BOOK_REGION).getHitCount());
  }

  @Test
  void aCollectionIsServedFromTheCollectionCache() {
    sessionFactory.inSession(session -> assertEquals(3, session.find(Author.class, 1L).getBooks().size()));
    assertTrue(SQL.takeCount() > 0);

    sessionFactory.inSession(session -> assertEquals(3, session.find(Author.class, 1L).getBooks().size()));

    assertEquals(0, SQL.takeCount(), "author, collection and its books all from the cache");
    assertTrue(
        statistics().getDomainDataRegionStatistics(COLLECTION_REGION).getHitCount() > 0);
  }

  @Test
  void aCacheableQueryIsServedFromTheQueryCache() {
    String hql = "from Book where title like :prefix order by id";
    sessionFactory.inSession(
        session ->
            assertEquals(
                3,
                session
                    .createSelectionQuery(hql, Book.class)
                    .setParameter("prefix", "Book%")
                    .setCacheable(true)
                    .list()
                    .size()));
    assertEquals(1, SQL.takeCount());

    sessionFactory.inSession(
        session ->
            assertEquals(
                3,
                session
                    .createSelectionQuery(hql, Book.class)
                    .setParameter("prefix", "Book%")
                    .setCacheable(true)
                    .list()
                    .size()));

    assertEquals(0, SQL.takeCount());
    assertEquals(1, statistics().getQueryCacheHitCount());
  }

  @Test
  void anUpdateIsVisibleOnTheNextRead() {
    sessionFactory.inSession(session -> session.find(Book.class, 2L)); // cached
    sessionFactory.inTransaction(session -> session.find(Book.class, 2L).setTitle("Renamed"));

    sessionFactory.inSession(
        session -> assertEquals("Renamed", session.find(Book.class, 2L).getTitle()));

    sessionFactory.inTransaction(session -> session.find(Book.class, 2L).setTitle("Book 2"));
  }

  @Test
  void aDeleteRemovesTheEntity() {
    sessionFactory.inTransaction(
        session -> session.persist(new Book(99L, "Doomed", session.find(Author.class, 1L))));
    sessionFactory.inSession(session -> session.find(Book.class, 99L)); // cached

    sessionFactory.inTransaction(session -> session.remove(session.find(Book.class, 99L)));

    // READ_WRITE leaves a soft-lock item under the key, so containsEntity would still be true.
    sessionFactory.inSession(session -> assertNull(session.find(Book.class, 99L)));
  }

  private static void fillEveryDataRegion() {
    sessionFactory.inSession(
        session -> {
          session.find(Author.class, 1L).getBooks().size();
          session.createSelectionQuery("from Book", Book.class).setCacheable(true).list();
        });
    for (String name : List.of(BOOK_REGION, AUTHOR_REGION, COLLECTION_REGION, QUERY_REGION)) {
      assertTrue(region(name).iterator().hasNext(), "region " + name + " was filled");
    }
  }

  @Test
  void evictAllRegionsEmptiesEveryDataRegion() {
    fillEveryDataRegion();

    sessionFactory.getCache().evictAllRegions();

    CacheManager manager = Database.cacheManagerOf(sessionFactory);
    for (String name : manager.getCacheNames()) {
      // Hibernate never clears the update timestamps: they keep cached query results honest.
      if (!name.equals(TIMESTAMPS_REGION)) {
        assertFalse(manager.getCache(name).iterator().hasNext(), "region " + name + " is empty");
      }
    }
    SQL.takeCount();
    sessionFactory.inSession(session -> session.find(Book.class, 1L));
    assertEquals(1, SQL.takeCount(), "the next load reads the database again");
  }

  @Test
  void evictAllClearsTheEntityRegionsOnly() {
    fillEveryDataRegion();

    sessionFactory.getCache().evictAll();

    assertFalse(region(BOOK_REGION).iterator().hasNext());
    assertFalse(region(AUTHOR_REGION).iterator().hasNext());
    assertTrue(region(COLLECTION_REGION).iterator().hasNext(), "Hibernate 7 keeps collections");
    assertTrue(region(QUERY_REGION).iterator().hasNext(), "and query results");
  }

  @Test
  void aRegionBoundedToFiftyHoldsAtMostFiftyAfterALoadOfMany() {
    sessionFactory.inTransaction(
        session -> {
          Author author = session.find(Author.class, 1L);
          for (long id = 1_000; id < 1_500; id++) {
            session.persist(new Book(id, "Bulk " + id, author));
          }
        });
    sessionFactory.getCache().evictAllRegions();

    sessionFactory.inSession(
        session ->
            assertEquals(
                500,
                session.createSelectionQuery("from Book where id >= 1000", Book.class).list().size()));
    DualCache<?, ?> engine = region(BOOK_REGION).unwrap(DualCache.class);
    engine.cleanUp();

    assertTrue(engine.size() <= 50, "the Book region holds " + engine.size());
    assertTrue(statistics().getDomainDataRegionStatistics(BOOK_REGION).getPutCount() >= 500);

    sessionFactory.inTransaction(
        session -> session.createMutationQuery("delete from Book where id >= 1000").executeUpdate());
  }
}
