package io.dualcache.bench.sim;

import io.dualcache.bench.sim.policy.ReplayPolicy;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr for long replays: share done, requests per second, time left,
 * and what is running. On a terminal it redraws in place (carriage return) at most five times a
 * second; piped into a log it prints a line every 5%.
 */
final class ProgressBar implements ReplayPolicy.Progress {

  private static final int WIDTH = 30;

  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final boolean terminal = System.console() != null;
  private final PrintStream out = System.err;
  private volatile String label = "";
  private long lastDrawNanos;
  private int lastStep = -1;

  ProgressBar(long totalRequests) {
    this.total = Math.max(1, totalRequests);
  }

  void label(String label) {
    this.label = label;
    draw(true);
  }

  @Override
  public void advance(long requests) {
    done.addAndGet(requests);
    draw(false);
  }

  void finish() {
    draw(true);
    if (terminal) {
      out.println();
    }
  }

  private synchronized void draw(boolean force) {
    long now = System.nanoTime();
    double share = Math.min(1.0, (double) done.get() / total);
    if (terminal) {
      if (!force && now - lastDrawNanos < 200_000_000L) {
        return;
      }
    } else {
      int step = (int) (share * 20);
      if (!force && step == lastStep) {
        return;
      }
      lastStep = step;
    }
    lastDrawNanos = now;
    double seconds = (now - startNanos) / 1e9;
    double rate = done.get() / Math.max(seconds, 1e-3);
    double left = rate > 0 ? (total - done.get()) / rate : 0;
    int filled = (int) (share * WIDTH);
    String line =
        String.format(
            "[%s%s] %5.1f%% %6.2f M req/s  %s left  %s",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            share * 100,
            rate / 1e6,
            clock(left),
            label);
    if (terminal) {
      out.print("\r" + line + "\u001b[K"); // erase what a longer previous line left
    } else if (!force) {
      out.println(line);
    }
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format("%d:%02d", s / 60, s % 60);
  }
}
