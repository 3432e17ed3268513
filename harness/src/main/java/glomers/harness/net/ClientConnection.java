package glomers.harness.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A Maelstrom client {@code c<k>}: a network member with one outstanding request at a time. Replies
 * to earlier (abandoned) requests and anything else not answering the current request are dropped.
 */
public final class ClientConnection implements Connection, AutoCloseable {
  private final Network network;
  private final String id;
  private final String node;
  private final Inbox inbox;
  private long lastMsgId;
  private volatile boolean closed;

  private ClientConnection(Network network, String id, String node) {
    this.network = network;
    this.id = id;
    this.node = node;
    this.inbox = network.register(id);
  }

  /** Opens a connection with a fresh client id to {@code node}. */
  public static ClientConnection open(Network network, String node) {
    return new ClientConnection(network, network.nextClientId(), node);
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
  public synchronized Map<String, Object> call(Map<String, Object> body, Duration timeout)
      throws TimeoutException, InterruptedException {
    if (closed) {
      throw new IllegalStateException("client " + id + " is closed");
    }
    long msgId = ++lastMsgId;
    sendRequest(network, id, node, body, msgId);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("Client read timeout");
      }
      Message reply = inbox.poll(left);
      if (reply == null) {
        throw new TimeoutException("Client read timeout");
      }
      if (reply.answers(msgId)) {
        return Json.toJavaMap(reply.body());
      }
    }
  }

  /** Sends a client's request: {@code body} (which must hold a string {@code type}) with {@code msg_id} added. */
  public static void sendRequest(Network network, String client, String node, Map<String, Object> body, long msgId) {
    if (!(body.get("type") instanceof String)) {
      throw new IllegalArgumentException("a request body needs a string type: " + body);
    }
    ObjectNode request = Json.toObject(body);
    request.put("msg_id", msgId);
    try {
      network.send(client, node, request);
    } catch (Network.UnknownMemberException e) {
      throw new IllegalStateException("client " + client + " cannot reach " + node + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closed = true;
    network.unregister(id);
  }
}
