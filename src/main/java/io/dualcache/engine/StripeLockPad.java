package io.dualcache.engine;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * 128 bytes after the synchronizer's state, so that the state of the next segment's {@link
 * StripeLock}, allocated right after this one, sits on another cache line: writers of different
 * segments then never contend for one line.
 */
abstract class StripeLockPad extends AbstractQueuedSynchronizer {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("unused")
  private long after01;

  @SuppressWarnings("unused")
  private long after02;

  @SuppressWarnings("unused")
  private long after03;

  @SuppressWarnings("unused")
  private long after04;

  @SuppressWarnings("unused")
  private long after05;

  @SuppressWarnings("unused")
  private long after06;

  @SuppressWarnings("unused")
  private long after07;

  @SuppressWarnings("unused")
  private long after08;

  @SuppressWarnings("unused")
  private long after09;

  @SuppressWarnings("unused")
  private long after10;

  @SuppressWarnings("unused")
  private long after11;

  @SuppressWarnings("unused")
  private long after12;

  @SuppressWarnings("unused")
  private long after13;

  @SuppressWarnings("unused")
  private long after14;

  @SuppressWarnings("unused")
  private long after15;

  @SuppressWarnings("unused")
  private long after16;
}
