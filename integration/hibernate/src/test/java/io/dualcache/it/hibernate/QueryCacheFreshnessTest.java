package io.dualcache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached query is never served stale because the update timestamps region expired. */
class QueryCacheFreshnessTest {

  private static final String TITLE_OF_BOOK_1 = "select b.title from Book b where b.id = 1";

  @TempDir Path directory;

  /**
   * Hibernate reads a missing update timestamp as "no update since", so the timestamps region
   * built from the template must not take its lifetime: with a creation lifetime the timestamp
   * written first would expire while a query result cached after it, and before the last update,
   * lived on, and that result would pass as current.
   */
  @Test
  void aCachedQueryIsNotServedStaleWhenTheTemplateHasACreationLifetime() throws Exception {
    try (SessionFactory factory =
        open("default { maximum-size = 1000, expire-after-creation = 3s }")) {
      long start = System.nanoTime();
      Database.persistAdaWithThreeBooks(factory); // the first timestamps
      sleepUntil(start, 1_500);
      assertEquals("Book 1", cachedTitle(factory)); // cached at 1.5 s, lives to 4.5 s
      rename(factory, "Renamed"); // a new timestamp
      sleepUntil(start, 3_500); // a creation lifetime would have ended at 3 s
      assertEquals("Renamed", cachedTitle(factory), "the result cached before the update");
    }
  }

  /**
   * The same with expire-after-write and a declared query-results region that keeps results longer
   * than the template: the timestamps region, built from the template, keeps its timestamps.
   */
  @Test
  void aCachedQueryIsNotServedStaleWhenTheQueryRegionOutlivesTheTemplate() throws Exception {
    try (SessionFactory factory =
        open(
            "default { maximum-size = 1000, expire-after-write = 2s },"
                + " caches { \"default-query-results-region\" { expire-after-write = 1h } }")) {
      Database.persistAdaWithThreeBooks(factory);
      assertEquals("Book 1", cachedTitle(factory));
      long updated = System.nanoTime();
      rename(factory, "Renamed");
      sleepUntil(updated, 2_500); // past the template's lifetime
      assertEquals("Renamed", cachedTitle(factory), "the result cached before the update");
    }
  }

  private SessionFactory open(String settings) throws Exception {
    Path file = directory.resolve("regions.conf");
    Files.writeString(file, "dualcache { preconfigure-unknown-caches = true, " + settings + " }\n");
    return Database.open(file.toUri().toString(), null, new SqlCounter());
  }

  private static String cachedTitle(SessionFactory factory) {
    return factory.fromSession(
        s ->
            s.createSelectionQuery(TITLE_OF_BOOK_1, String.class)
                .setCacheable(true)
                .getSingleResult());
  }

  private static void rename(SessionFactory factory, String title) {
    factory.inTransaction(s -> s.find(Book.class, 1L).setTitle(title));
  }

  private static void sleepUntil(long start, long millis) throws InterruptedException {
    long left = millis - (System.nanoTime() - start) / 1_000_000;
    if (left > 0) {
      Thread.sleep(left);
    }
  }
}
