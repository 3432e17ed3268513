package glomers.harness.sim;

import glomers.harness.net.Message;
import glomers.harness.net.Network;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A network member in a simulation, delivering as a process run's inbox (and Maelstrom's) does:
 * one consumer takes the earliest-deadline message as soon as it is free, drops it if a partition
 * cuts its source off from this member at that moment, else waits for its deadline and hands it
 * over, and only then takes the next. So a message with a long delay holds up the ones behind it.
 *
 * <p>A node's member can be held (the node is paused or dead): nothing is taken or delivered, and
 * what is sent to it waits in the queue. A kill also loses the message being delivered, and a
 * restart starts from an empty queue.
 */
public final class Member implements Network.Mailbox {
  private final Scheduler scheduler;
  private final Network network;
  private final String id;
  private final Consumer<Message> receiver;
  private final PriorityQueue<Message> queue = new PriorityQueue<>(Message.DELIVERY_ORDER);
  private boolean busy;
  private boolean held;
  /** Bumped by a kill and a restart: a delivery scheduled before then is void. */
  private long generation;

  Member(Scheduler scheduler, Network network, String id, Consumer<Message> receiver) {
    this.scheduler = scheduler;
    this.network = network;
    this.id = id;
    this.receiver = receiver;
  }

  /** Makes {@code id} a network member whose messages go to {@code receiver}. */
  public static Member attach(Scheduler scheduler, Network network, String id, Consumer<Message> receiver) {
    Member member = new Member(scheduler, network, id, receiver);
    network.attach(id, member);
    return member;
  }

  @Override
  public void offer(Message message) {
    queue.add(message);
    if (!busy) {
      takeNext();
    }
  }

  private void takeNext() {
    if (held) {
      return;
    }
    Message head;
    while ((head = queue.poll()) != null) {
      if (!network.partitions().isCut(head.src(), id)) {
        Message taken = head;
        long taker = generation;
        busy = true;
        scheduler.at(taken.deadline(), () -> deliver(taken, taker));
        return;
      }
    }
  }

  private void deliver(Message message, long taker) {
    if (taker != generation) {
      return;
    }
    busy = false;
    if (held) {
      // Paused while this one waited for its deadline: it waits with the rest.
      queue.add(message);
      return;
    }
    if (network.isMember(id)) {
      network.delivered(message);
      receiver.accept(message);
    }
    if (!busy) {
      takeNext();
    }
  }

  /** Delivers nothing until {@link #resume()}; what comes meanwhile waits. */
  void pause() {
    held = true;
  }

  void resume() {
    held = false;
    if (!busy) {
      takeNext();
    }
  }

  /** Delivers nothing until {@link #restart()}; the message being delivered is lost. */
  void kill() {
    held = true;
    busy = false;
    generation++;
  }

  /** Delivers again, from an empty queue: what was sent to the dead node is lost. */
  void restart() {
    queue.clear();
    held = false;
    busy = false;
    generation++;
  }
}
