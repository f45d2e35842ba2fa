package io.dualcache.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Collects what is logged to one logger, as formatted text lines. The tests are compiled as part of
 * the module {@code io.dualcache}, which does not read {@code java.logging}, but run on the class
 * path, where System.Logger goes to java.util.logging: so the handler is made and attached by
 * reflection, with JDK classes only.
 */
public final class LogCapture implements AutoCloseable {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Held strongly: java.util.logging keeps its loggers only weakly. */
  private final Object logger;

  private final Object handler;

  /** Starts collecting what {@code loggerName} logs. */
  public LogCapture(String loggerName) throws ReflectiveOperationException {
    Class<?> loggerClass = Class.forName("java.util.logging.Logger");
    Class<?> handlerClass = Class.forName("java.util.logging.Handler");
    Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
    Object formatter =
        Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
    handler =
        Class.forName("java.util.logging.StreamHandler")
            .getConstructor(java.io.OutputStream.class, formatterClass)
            .newInstance(out, formatter);
    logger = loggerClass.getMethod("getLogger", String.class).invoke(null, loggerName);
    loggerClass.getMethod("addHandler", handlerClass).invoke(logger, handler);
  }

  /** The lines logged so far that contain {@code text}. */
  public List<String> linesWith(String text) throws ReflectiveOperationException {
    handler.getClass().getMethod("flush").invoke(handler);
    String logged = out.toString(StandardCharsets.UTF_8);
    return Arrays.stream(logged.split("\\R")).filter(line -> line.contains(text)).toList();
  }

  @Override
  public void close() throws ReflectiveOperationException {
    Class<?> handlerClass = Class.forName("java.util.logging.Handler");
    logger.getClass().getMethod("removeHandler", handlerClass).invoke(logger, handler);
  }
}
