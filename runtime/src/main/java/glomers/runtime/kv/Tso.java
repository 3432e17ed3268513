package glomers.runtime.kv;

import glomers.runtime.internal.ServiceMessages;

import glomers.runtime.Node;
import java.util.concurrent.CompletableFuture;

/** A client for Maelstrom's {@code lin-tso}: one global counter, +1 per request. */
public final class Tso {
  public static final String LIN_TSO = "lin-tso";

  private final Node node;

  private Tso(Node node) {
    this.node = node;
  }

  public static Tso of(Node node) {
    return new Tso(node);
  }

  /** A timestamp larger than every one handed out before this request. */
  public CompletableFuture<Long> next() {
    return node.rpc(LIN_TSO, new ServiceMessages.Ts(), ServiceMessages.TsOk.class)
        .thenApply(ServiceMessages.TsOk::ts);
  }
}
