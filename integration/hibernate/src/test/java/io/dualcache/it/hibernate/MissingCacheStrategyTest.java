package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.DualCacheConfiguration;
import java.util.List;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * What each missing-cache strategy does with and without pre-configured regions: with the switch
 * Hibernate finds every region and never creates one; without it Hibernate creates the missing
 * ones with a plain {@code new MutableConfiguration<>()}.
 */
class MissingCacheStrategyTest {

  private static final String AUTHOR_REGION = Author.class.getName();

  @Test
  void createWithPreconfiguredRegionsUsesTheTemplate() {
    SessionFactory sessionFactory;
    List<String> warnings;
    try (CacheWarnings collected = CacheWarnings.collect()) {
      sessionFactory = Database.open("hibernate-dualcache.conf", "create", new SqlCounter());
      warnings = collected.missingCacheWarnings();
    }
    try {
      DualCacheConfiguration<?, ?> authors = configurationOf(sessionFactory, AUTHOR_REGION);

      assertEquals(List.of(), warnings);
      assertFalse(authors.isStoreByValue());
      assertTrue(authors.isStatisticsEnabled());
      assertTrue(
          authors.getExpiryPolicyFactory().create() instanceof ModifiedExpiryPolicy,
          "the template's TTL");
      sessionFactory.inTransaction(session -> session.persist(new Author(5L, "Grace")));
      sessionFactory.inSession(session -> assertNotNull(session.find(Author.class, 5L)));
    } finally {
      sessionFactory.close();
    }
  }

  @Test
  void createWarnWithoutTheSwitchWarnsAndCreatesPlainJsr107Regions() {
    SessionFactory sessionFactory;
    List<String> warnings;
    try (CacheWarnings collected = CacheWarnings.collect()) {
      sessionFactory = Database.open("hibernate-no-switch.conf", null, new SqlCounter());
      warnings = collected.missingCacheWarnings();
    }
    try {
      DualCacheConfiguration<?, ?> authors = configurationOf(sessionFactory, AUTHOR_REGION);
      DualCacheConfiguration<?, ?> books = configurationOf(sessionFactory, Book.class.getName());

      assertTrue(
          warnings.stream().anyMatch(w -> w.contains(AUTHOR_REGION)),
          "Hibernate warns about the undeclared region: " + warnings);
      assertTrue(
          warnings.stream().noneMatch(w -> w.contains("[" + Book.class.getName() + "]")),
          "but not about the declared one: " + warnings);
      // Hibernate's new MutableConfiguration<>(): store-by-value, eternal, no statistics ...
      assertTrue(authors.isStoreByValue());
      assertFalse(authors.isStatisticsEnabled());
      assertTrue(authors.getExpiryPolicyFactory().create() instanceof EternalExpiryPolicy);
      // ... to which DualCache adds only the template's bound and engine settings.
      assertEquals(10_000L, authors.getMaximumSize().getAsLong());
      // The declared region is the file's, with all its settings.
      assertFalse(books.isStoreByValue());
      assertEquals(50L, books.getMaximumSize().getAsLong());
      sessionFactory.inTransaction(session -> session.persist(new Author(6L, "Barbara")));
      sessionFactory.inSession(session -> assertNotNull(session.find(Author.class, 6L)));
    } finally {
      sessionFactory.close();
    }
  }

  private static DualCacheConfiguration<?, ?> configurationOf(
      SessionFactory sessionFactory, String region) {
    return Database.cacheManagerOf(sessionFactory)
        .getCache(region)
        .getConfiguration(DualCacheConfiguration.class);
  }
}
