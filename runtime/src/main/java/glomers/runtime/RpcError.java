package glomers.runtime;

/**
 * A Maelstrom error body ({@code "type":"error"}). Throw it from a handler to answer with it; an
 * {@link Node#rpc} future fails with it when the other side answers with one.
 */
public final class RpcError extends RuntimeException {
  public static final int TIMEOUT = 0;
  public static final int NODE_NOT_FOUND = 1;
  public static final int NOT_SUPPORTED = 10;
  public static final int TEMPORARILY_UNAVAILABLE = 11;
  public static final int MALFORMED_REQUEST = 12;
  public static final int CRASH = 13;
  public static final int ABORT = 14;
  public static final int KEY_DOES_NOT_EXIST = 20;
  public static final int KEY_ALREADY_EXISTS = 21;
  public static final int PRECONDITION_FAILED = 22;
  public static final int TXN_CONFLICT = 30;

  private final int code;
  private final String text;

  public RpcError(int code, String text) {
    super(code + ": " + text, null, false, false);
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }

  /** True when the failed operation certainly did not happen and never will. */
  public boolean definite() {
    return switch (code) {
      case NODE_NOT_FOUND, NOT_SUPPORTED, TEMPORARILY_UNAVAILABLE, MALFORMED_REQUEST, ABORT,
          KEY_DOES_NOT_EXIST, KEY_ALREADY_EXISTS, PRECONDITION_FAILED, TXN_CONFLICT -> true;
      default -> false;
    };
  }

  /**
   * The RpcError a future failed with, looking through {@link
   * java.util.concurrent.CompletionException} wrappers; any other failure becomes a crash (13).
   */
  public static RpcError from(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RpcError error) {
        return error;
      }
      if (!(cause instanceof java.util.concurrent.CompletionException
          || cause instanceof java.util.concurrent.ExecutionException)) {
        break;
      }
    }
    return crash(String.valueOf(failure));
  }

  public static RpcError timeout(String text) {
    return new RpcError(TIMEOUT, text);
  }

  public static RpcError notSupported(String text) {
    return new RpcError(NOT_SUPPORTED, text);
  }

  public static RpcError temporarilyUnavailable(String text) {
    return new RpcError(TEMPORARILY_UNAVAILABLE, text);
  }

  public static RpcError malformedRequest(String text) {
    return new RpcError(MALFORMED_REQUEST, text);
  }

  public static RpcError crash(String text) {
    return new RpcError(CRASH, text);
  }

  public static RpcError abort(String text) {
    return new RpcError(ABORT, text);
  }

  public static RpcError txnConflict(String text) {
    return new RpcError(TXN_CONFLICT, text);
  }
}
