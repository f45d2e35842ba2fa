package io.dualcache.engine;

/**
 * 128 bytes before the published tick of {@link EpochClock}: every get reads the tick, so no field
 * written often (of this object or of one allocated just before it) may share its cache line.
 * Superclass fields come first in the object, so padding is a chain of superclasses: this pad,
 * {@link EpochClockTick} with the tick, {@link EpochClockPadAfter}, then {@link EpochClock}.
 */
abstract class EpochClockPadBefore {
  @SuppressWarnings("unused")
  private long before01;

  @SuppressWarnings("unused")
  private long before02;

  @SuppressWarnings("unused")
  private long before03;

  @SuppressWarnings("unused")
  private long before04;

  @SuppressWarnings("unused")
  private long before05;

  @SuppressWarnings("unused")
  private long before06;

  @SuppressWarnings("unused")
  private long before07;

  @SuppressWarnings("unused")
  private long before08;

  @SuppressWarnings("unused")
  private long before09;

  @SuppressWarnings("unused")
  private long before10;

  @SuppressWarnings("unused")
  private long before11;

  @SuppressWarnings("unused")
  private long before12;

  @SuppressWarnings("unused")
  private long before13;

  @SuppressWarnings("unused")
  private long before14;

  @SuppressWarnings("unused")
  private long before15;

  @SuppressWarnings("unused")
  private long before16;
}
