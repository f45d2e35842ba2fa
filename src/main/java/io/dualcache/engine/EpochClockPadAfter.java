package io.dualcache.engine;

/** 128 bytes after the published tick (see {@link CacheLinePad}). */
abstract class EpochClockPadAfter extends EpochClockTick {
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
