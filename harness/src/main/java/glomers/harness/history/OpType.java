package glomers.harness.history;

/** Jepsen's op types: an invocation, then exactly one completion per invocation. */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The lower-case name Jepsen prints ({@code invoke}, {@code ok}, ...). */
  public String wire() {
    return name().toLowerCase();
  }
}
