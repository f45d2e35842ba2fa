package io.dualcache.it.hibernate;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * A Hibernate session factory over a fresh in-memory H2 database, with DualCache as the
 * second-level cache, set up with nothing but the properties a user would write.
 */
final class Database {

  private static final AtomicInteger IDS = new AtomicInteger();

  private Database() {}

  /**
   * A session factory whose JCache manager reads {@code configFile} ({@code
   * hibernate.javax.cache.uri}); {@code missingCacheStrategy} null leaves Hibernate's default,
   * create-warn.
   */
  static SessionFactory open(String configFile, String missingCacheStrategy, SqlCounter counter) {
    Configuration configuration = new Configuration();
    configuration.addAnnotatedClass(Book.class).addAnnotatedClass(Author.class);
    Map<Object, Object> properties = configuration.getProperties();
    properties.put(
        "hibernate.connection.url",
        "jdbc:h2:mem:it" + IDS.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    properties.put("hibernate.hbm2ddl.auto", "create-drop");
    properties.put("hibernate.cache.use_second_level_cache", "true");
    properties.put("hibernate.cache.use_query_cache", "true");
    properties.put("hibernate.generate_statistics", "true");
    // The setup the README documents:
    properties.put("hibernate.cache.region.factory_class", "jcache");
    properties.put("hibernate.javax.cache.provider", "io.dualcache.jcache.DualCachingProvider");
    properties.put("hibernate.javax.cache.uri", configFile);
    if (missingCacheStrategy != null) {
      properties.put("hibernate.javax.cache.missing_cache_strategy", missingCacheStrategy);
    }
    properties.put("hibernate.session_factory.statement_inspector", counter);
    return configuration.buildSessionFactory();
  }

  /** The JCache manager Hibernate got from the provider. */
  /** Stores author 1 ("Ada") with books 1 to 3, in one transaction. */
  static void persistAdaWithThreeBooks(SessionFactory sessionFactory) {
    sessionFactory.inTransaction(
        session -> {
          Author author = new Author(1L, "Ada");
          session.persist(author);
          for (long id = 1; id <= 3; id++) {
            Book book = new Book(id, "Book " + id, author);
            session.persist(book);
            author.getBooks().add(book);
          }
        });
  }

  static CacheManager cacheManagerOf(SessionFactory sessionFactory) {
    return ((JCacheRegionFactory)
            sessionFactory.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory())
        .getCacheManager();
  }
}
