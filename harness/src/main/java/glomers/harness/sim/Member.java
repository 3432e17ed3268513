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
 */
public final class Member implements Network.Mailbox {
  private final Scheduler scheduler;
  private final Network network;
  private final String id;
  private final Consumer<Message> receiver;
  private final PriorityQueue<Message> queue = new PriorityQueue<>(Message.DELIVERY_ORDER);
  private boolean busy;

  Member(Scheduler scheduler, Network network, String id, Consumer<Message> receiver) {
    this.scheduler = scheduler;
    this.network = network;
    this.id = id;
    this.receiver = receiver;
  }

  /** Makes {@code id} a network member whose messages go to {@code receiver}. */
  public static void attach(Scheduler scheduler, Network network, String id, Consumer<Message> receiver) {
    network.attach(id, new Member(scheduler, network, id, receiver));
  }

  @Override
  public void offer(Message message) {
    queue.add(message);
    if (!busy) {
      takeNext();
    }
  }

  private void takeNext() {
    Message head;
    while ((head = queue.poll()) != null) {
      if (!network.partitions().isCut(head.src(), id)) {
        Message taken = head;
        busy = true;
        scheduler.at(taken.deadline(), () -> deliver(taken));
        return;
      }
    }
  }

  private void deliver(Message message) {
    busy = false;
    if (network.isMember(id)) {
      network.delivered(message);
      receiver.accept(message);
    }
    if (!busy) {
      takeNext();
    }
  }
}
