package io.dualcache.it.hibernate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what Hibernate's second-level cache logger ({@code org.hibernate.orm.cache}) warns
 * about while it is open. JBoss Logging is sent to java.util.logging by the build ({@code
 * org.jboss.logging.provider=jdk}).
 */
final class CacheWarnings implements AutoCloseable {

  /** The message id of "Missing cache[...] was created on-the-fly". */
  static final String MISSING_CACHE_CREATED = "HHH90001006";

  /** Held strongly: java.util.logging keeps its loggers only weakly. */
  private static final Logger CACHE_LOGGER = Logger.getLogger("org.hibernate.orm.cache");

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(formatter.formatMessage(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CacheWarnings() {}

  /** Starts collecting; {@link #close()} stops. */
  static CacheWarnings collect() {
    CacheWarnings collector = new CacheWarnings();
    CACHE_LOGGER.addHandler(collector.handler);
    return collector;
  }

  /** The warnings with the missing-cache message id. */
  List<String> missingCacheWarnings() {
    return warnings.stream().filter(w -> w.contains(MISSING_CACHE_CREATED)).toList();
  }

  @Override
  public void close() {
    CACHE_LOGGER.removeHandler(handler);
  }
}
