package io.dualcache.engine;

/** What happened to an entry, as reported to an {@link EntryListener}. */
public enum ChangeType {
  /** A value was stored for a key that had none. */
  CREATED,
  /** The value of a present key was replaced. */
  REPLACED,
  /** The entry was removed by an explicit operation. */
  EXPLICIT,
  /** The entry reached its deadline and was dropped. */
  EXPIRED,
  /** The entry was evicted to honour the size or weight bound. */
  EVICTED;

  /** Whether this event ends the entry's life. */
  public boolean isRemoval() {
    return this == EXPLICIT || this == EXPIRED || this == EVICTED;
  }
}
