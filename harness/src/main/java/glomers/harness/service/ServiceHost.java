package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.net.Inbox;
import glomers.harness.json.Json;
import glomers.harness.net.Message;
import glomers.harness.net.Network;
import glomers.harness.log.Log;
import glomers.harness.options.SeqKvStaleness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs the four services as network members, one worker thread each, serving requests in order. */
public final class ServiceHost implements AutoCloseable {
  private final List<Thread> workers = new ArrayList<>();

  public static List<Service> standard(Random random) {
    return standard(random, SeqKvStaleness.UNIFORM);
  }

  /** The four services, seq-kv serving with the given staleness ({@code --seq-kv-staleness}). */
  public static List<Service> standard(Random random, SeqKvStaleness seqKvStaleness) {
    if (seqKvStaleness == SeqKvStaleness.OLDEST) {
      Log.info("seq-kv serves every request from the oldest version its caller may still see"
          + " (--seq-kv-staleness oldest)");
    }
    return List.of(
        new LinKv(),
        new SeqKv(new Random(random.nextLong()), seqKvStaleness),
        new LwwKv(new Random(random.nextLong())),
        new LinTso());
  }

  public ServiceHost(Network network, List<Service> services) {
    for (Service service : services) {
      Inbox inbox = network.register(service.id());
      Thread worker =
          Thread.ofVirtual()
              .name("service-" + service.id())
              .unstarted(() -> serve(network, service, inbox));
      workers.add(worker);
    }
    workers.forEach(Thread::start);
  }

  private static void serve(Network network, Service service, Inbox inbox) {
    try {
      while (true) {
        answer(network, service, inbox.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Serves one request and sends the reply, if any; what the service cannot serve is logged and dropped. */
  public static void answer(Network network, Service service, Message request) {
    Map<String, Object> reply;
    try {
      reply = service.handle(request.src(), Json.toJavaMap(request.body()));
    } catch (RuntimeException e) {
      Log.info("service " + service.id() + " failed on " + request.bodyJson() + ": " + e);
      return;
    }
    if (reply == null) {
      Log.info("service " + service.id() + " ignores request " + request.bodyJson());
      return;
    }
    ObjectNode body = Json.toObject(reply);
    JsonNode msgId = request.body().get("msg_id");
    body.set("in_reply_to", msgId == null ? Json.NODES.nullNode() : msgId);
    try {
      network.send(service.id(), request.src(), body);
    } catch (Network.UnknownMemberException e) {
      Log.info("service " + service.id() + " cannot reply to " + request.src() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    workers.forEach(Thread::interrupt);
  }
}
