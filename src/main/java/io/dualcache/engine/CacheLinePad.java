package io.dualcache.engine;

/**
 * 128 bytes (two cache lines, as adjacent-line prefetch pairs them) before the fields of a
 * subclass, so that no field written often, of the object allocated just before, shares their line.
 * Superclass fields come first in an object, so padding is a chain of superclasses: this pad, the
 * class with the contended fields, a class of padding after them, then the class that is used (see
 * {@link EpochClock}, {@link HitRecorder.Stripe}).
 */
abstract class CacheLinePad {
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
