package io.dualcache.it.hibernate;

import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares: a second-level cache hit prepares none. */
public final class SqlCounter implements StatementInspector {

  private final AtomicInteger statements = new AtomicInteger();

  @Override
  public String inspect(String sql) {
    statements.incrementAndGet();
    return sql;
  }

  /** The statements prepared since the last call. */
  public int takeCount() {
    return statements.getAndSet(0);
  }
}
