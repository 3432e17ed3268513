package glomers.runtime;

/**
 * Where a message came from, for replying later.
 *
 * @param src the sender, a client ({@code c4}), a peer ({@code n2}) or a service
 * @param msgId the request's {@code msg_id}, or null if it had none (then it wants no reply)
 * @param type the body's {@code type}
 */
public record Request(String src, Long msgId, String type) {
  public boolean fromClient() {
    return src.startsWith("c");
  }
}
