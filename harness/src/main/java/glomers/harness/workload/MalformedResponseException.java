package glomers.harness.workload;

/** A reply that breaks the workload's closed schema; the op becomes indeterminate ({@code :info}). */
public final class MalformedResponseException extends Exception {
  public MalformedResponseException(String message) {
    super(message);
  }
}
