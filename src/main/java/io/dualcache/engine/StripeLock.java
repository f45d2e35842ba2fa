package io.dualcache.engine;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A reentrant mutex for one stripe of keys, padded so that two stripes never share a cache line.
 * Built on {@link AbstractQueuedSynchronizer}, so a blocked virtual thread parks without pinning
 * its carrier.
 */
final class StripeLock extends StripeLockPad {

  private static final long serialVersionUID = 1L;

  void lock() {
    acquire(1);
  }

  boolean tryLock() {
    return tryAcquire(1);
  }

  void unlock() {
    release(1);
  }

  boolean isHeldByCurrentThread() {
    return getExclusiveOwnerThread() == Thread.currentThread();
  }

  @Override
  protected boolean tryAcquire(int acquires) {
    Thread current = Thread.currentThread();
    int holds = getState();
    if (holds == 0) {
      if (compareAndSetState(0, acquires)) {
        setExclusiveOwnerThread(current);
        return true;
      }
      return false;
    }
    if (getExclusiveOwnerThread() == current) {
      setState(holds + acquires); // reentry: only the owner writes
      return true;
    }
    return false;
  }

  @Override
  protected boolean tryRelease(int releases) {
    if (getExclusiveOwnerThread() != Thread.currentThread()) {
      throw new IllegalMonitorStateException(
          "stripe lock released by a thread that does not own it");
    }
    int holds = getState() - releases;
    if (holds == 0) {
      setExclusiveOwnerThread(null);
    }
    setState(holds); // volatile store: publishes the critical section to the next owner
    return holds == 0;
  }

  @Override
  protected boolean isHeldExclusively() {
    return getExclusiveOwnerThread() == Thread.currentThread();
  }
}
