package io.dualcache.jcache.usercode;

import java.lang.System.Logger.Level;

/**
 * The one place the {@code close()} of user objects is called: a failure, an Error included, is
 * logged and not thrown, so that one object that fails to close never keeps the others (or the
 * other caches of a manager) open.
 */
public final class Closeables {

  private static final System.Logger LOG = System.getLogger(Closeables.class.getName());

  private Closeables() {}

  /** Closes {@code object} if it is {@link AutoCloseable}; {@code what} names it in the log. */
  public static void closeQuietly(Object object, String what) {
    if (object instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception | Error e) {
        LOG.log(Level.WARNING, "closing the " + what + " failed", e);
      }
    }
  }
}
