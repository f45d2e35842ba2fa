package io.dualcache.jcache;

import java.lang.System.Logger.Level;

/** Closes the user objects a cache or manager owns, logging failures instead of throwing. */
final class Closeables {

  private static final System.Logger LOG = System.getLogger(Closeables.class.getName());

  private Closeables() {}

  /** Closes {@code object} if it is {@link AutoCloseable}; {@code what} names it in the log. */
  static void closeQuietly(Object object, String what) {
    if (object instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing the " + what + " failed", e);
      }
    }
  }
}
