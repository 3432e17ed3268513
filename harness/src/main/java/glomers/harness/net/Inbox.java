package glomers.harness.net;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One member's inbound queue, ordered by deadline (then id), delivered head-of-line by a single
 * consumer (docs/bench.md#sending-and-delivery): take the earliest message, drop it if its source is
 * cut off from this member at that moment, else wait for its deadline, journal it and hand it over.
 */
public final class Inbox implements Network.Mailbox {
  private final String id;
  private final Network network;
  private final PriorityQueue<Message> queue = new PriorityQueue<>(Message.DELIVERY_ORDER);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();

  Inbox(String id, Network network) {
    this.id = id;
    this.network = network;
  }

  public String id() {
    return id;
  }

  @Override
  public void offer(Message message) {
    lock.lock();
    try {
      queue.add(message);
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The next deliverable message, waiting as long as it takes. */
  public Message take() throws InterruptedException {
    return poll(Long.MAX_VALUE);
  }

  /**
   * The next deliverable message, or null if none could be taken within {@code timeoutNanos}. Once
   * a message has been taken, its latency is waited out even past the timeout (it is gone from the
   * queue either way); only clients use a timeout, and they get zero latency.
   */
  public Message poll(long timeoutNanos) throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      Message head;
      lock.lockInterruptibly();
      try {
        while (queue.isEmpty()) {
          long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
          if (left <= 0) {
            return null;
          }
          if (left == Long.MAX_VALUE) {
            nonEmpty.await();
          } else {
            nonEmpty.awaitNanos(left);
          }
        }
        head = queue.poll();
      } finally {
        lock.unlock();
      }
      if (network.partitions().isCut(head.src(), id)) {
        continue;
      }
      long wait = head.deadline() - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      network.delivered(head);
      return head;
    }
  }
}
