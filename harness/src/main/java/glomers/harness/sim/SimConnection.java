package glomers.harness.sim;

import glomers.harness.net.ClientConnection;
import glomers.harness.json.Json;
import glomers.harness.net.Message;
import glomers.harness.net.Network;
import glomers.harness.net.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A client {@code c<k>} in a simulation: the same contract as a process run's connection (one
 * request at a time, replies matched by {@code in_reply_to}, the rest dropped), with the caller's
 * coroutine suspended until the reply or the timeout, in virtual time.
 */
public final class SimConnection implements Connection {
  private final Scheduler scheduler;
  private final Network network;
  private final String id;
  private final String node;
  private long lastMsgId;
  private boolean closed;
  private Coroutine waiter;
  private long awaited;
  private Message reply;

  public SimConnection(Scheduler scheduler, Network network, String node) {
    this.scheduler = scheduler;
    this.network = network;
    this.id = network.nextClientId();
    this.node = node;
    Member.attach(scheduler, network, id, this::received);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public Map<String, Object> call(Map<String, Object> body, Duration timeout) throws TimeoutException {
    if (closed) {
      throw new IllegalStateException("client " + id + " is closed");
    }
    long msgId = ++lastMsgId;
    ClientConnection.sendRequest(network, id, node, body, msgId);
    Coroutine self = Coroutine.current();
    waiter = self;
    awaited = msgId;
    reply = null;
    Scheduler.Event timer =
        scheduler.at(
            scheduler.now() + timeout.toNanos(),
            () -> {
              if (waiter == self) {
                waiter = null;
                self.resume();
              }
            });
    self.suspend();
    timer.cancel();
    waiter = null;
    if (reply == null) {
      throw new TimeoutException("Client read timeout");
    }
    return Json.toJavaMap(reply.body());
  }

  private void received(Message message) {
    if (waiter != null && message.answers(awaited)) {
      Coroutine woken = waiter;
      waiter = null;
      reply = message;
      woken.resume();
    }
  }

  @Override
  public void close() {
    closed = true;
    network.unregister(id);
  }
}
