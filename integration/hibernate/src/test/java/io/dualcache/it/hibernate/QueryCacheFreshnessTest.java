package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached query is never served stale because the update timestamps region expired. */
class QueryCacheFreshnessTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir Path directory;

  /** A versioned cached entity. */
  @Entity(name = "Account")
  @Cacheable
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  public static class Account {
    @Id Long id;
    String iban;
    long balance;
    @Version long version;

    protected Account() {}

    Account(Long id, String iban, long balance) {
      this.id = id;
      this.iban = iban;
      this.balance = balance;
    }
  }

  private SessionFactory open(String settings, SqlCounter counter)
      throws Exception {
    Path file = directory.resolve("freshness-" + IDS.incrementAndGet() + ".conf");
    Files.writeString(file, "dualcache { " + settings + " }\n");
    Configuration configuration = new Configuration();
    configuration.addAnnotatedClass(Account.class);
    Map<Object, Object> properties = configuration.getProperties();
    properties.put(
        "hibernate.connection.url",
        "jdbc:h2:mem:freshness" + IDS.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    properties.put("hibernate.hbm2ddl.auto", "create-drop");
    properties.put("hibernate.cache.use_second_level_cache", "true");
    properties.put("hibernate.cache.use_query_cache", "true");
    properties.put("hibernate.generate_statistics", "true");
    properties.put("hibernate.cache.region.factory_class", "jcache");
    properties.put("hibernate.javax.cache.provider", "io.dualcache.jcache.DualCachingProvider");
    properties.put("hibernate.javax.cache.uri", file.toUri().toString());
    properties.put("hibernate.session_factory.statement_inspector", counter);
    return configuration.buildSessionFactory();
  }

  /**
   * Hibernate reads a missing update timestamp as "no update since", so the timestamps region
   * built from the template must not take its lifetime: with a creation lifetime the timestamp
   * written first would expire while a query result cached after it, and before the last update,
   * lived on, and that result would pass as current.
   */
  @Test
  void aCachedQueryIsNotServedStaleWhenTheTemplateHasALifetime() throws Exception {
    String settings =
        "preconfigure-unknown-caches = true, default { maximum-size = 1000,"
            + " expire-after-creation = 3s, store-by-value = false, statistics = true }";
    String hql = "select a.balance from Account a where a.id = 1";
    try (SessionFactory factory = open(settings, new SqlCounter())) {
      long start = System.nanoTime();
      factory.inTransaction(s -> s.persist(new Account(1L, "IBAN1", 100))); // timestamps entry
      sleepUntil(start, 1_500);
      factory.inSession( // cached at 1.5s, lives to 4.5s
          s -> assertEquals(100L, s.createSelectionQuery(hql, Long.class).setCacheable(true).getSingleResult()));
      factory.inTransaction(s -> s.find(Account.class, 1L).balance = 300); // a new timestamp
      sleepUntil(start, 3_500); // a creation lifetime would have ended at 3s

      factory.inSession(
          s ->
              assertEquals(
                  300L,
                  s.createSelectionQuery(hql, Long.class).setCacheable(true).getSingleResult(),
                  "the query result cached before the update"));
    }
  }

  /**
   * The same with expire-after-write and a declared query-results region that keeps results longer
   * than the template: the timestamps region, built from the template, keeps its timestamps.
   */
  @Test
  void aCachedQueryIsNotServedStaleWhenTheQueryRegionOutlivesTheTemplate() throws Exception {
    String settings =
        "preconfigure-unknown-caches = true, default { maximum-size = 1000,"
            + " expire-after-write = 2s, store-by-value = false, statistics = true },"
            + " caches { \"default-query-results-region\" { expire-after-write = 1h } }";
    String hql = "select a.balance from Account a where a.id = 1";
    try (SessionFactory factory = open(settings, new SqlCounter())) {
      factory.inTransaction(s -> s.persist(new Account(1L, "IBAN1", 100)));
      factory.inSession(
          s -> assertEquals(100L, s.createSelectionQuery(hql, Long.class).setCacheable(true).getSingleResult()));
      long updated = System.nanoTime();
      factory.inTransaction(s -> s.find(Account.class, 1L).balance = 300);
      sleepUntil(updated, 2_500); // past the template's lifetime

      factory.inSession(
          s ->
              assertEquals(
                  300L,
                  s.createSelectionQuery(hql, Long.class).setCacheable(true).getSingleResult(),
                  "the query result cached before the update"));
    }
  }

  private static void sleepUntil(long start, long millis) throws InterruptedException {
    long left = millis - (System.nanoTime() - start) / 1_000_000;
    if (left > 0) {
      Thread.sleep(left);
    }
  }
}
