package glomers.harness.sim;

import glomers.harness.net.Message;
import glomers.harness.net.Network;
import java.util.function.Consumer;

/**
 * A network member in a simulation: each message is an event at its deadline, dropped then if a
 * partition cuts its source off from this member, else journalled as received and handed over.
 */
public final class Member implements Network.Mailbox {
  private final Scheduler scheduler;
  private final Network network;
  private final String id;
  private final Consumer<Message> receiver;

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
    scheduler.at(message.deadline(), () -> deliver(message));
  }

  private void deliver(Message message) {
    if (network.partitions().isCut(message.src(), id) || !network.isMember(id)) {
      return;
    }
    network.delivered(message);
    receiver.accept(message);
  }
}
