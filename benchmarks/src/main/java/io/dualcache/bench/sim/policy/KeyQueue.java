package io.dualcache.bench.sim.policy;

/**
 * A doubly linked queue of keys, oldest at {@code head}, newest at {@code tail}: ARC's four LRU
 * lists (oldest = least recently used) and S3-FIFO's three FIFO queues. An entry is in at most one
 * queue at a time, and knows which.
 */
final class KeyQueue {

  /** A key, the queue that holds it (null: none), and what S3-FIFO counts of it. */
  static final class Entry {
    final long key;

    /** S3-FIFO's access count (capped at 3); unused by ARC. */
    int frequency;

    KeyQueue queue;
    Entry prev;
    Entry next;

    Entry(long key) {
      this.key = key;
    }
  }

  Entry head;
  Entry tail;
  int size;

  void addNewest(Entry e) {
    e.queue = this;
    e.prev = tail;
    e.next = null;
    if (tail == null) {
      head = e;
    } else {
      tail.next = e;
    }
    tail = e;
    size++;
  }

  Entry removeOldest() {
    Entry e = head;
    unlink(e);
    return e;
  }

  void unlink(Entry e) {
    if (e.prev == null) {
      head = e.next;
    } else {
      e.prev.next = e.next;
    }
    if (e.next == null) {
      tail = e.prev;
    } else {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    e.queue = null;
    size--;
  }
}
