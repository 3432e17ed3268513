package glomers.harness.workload;

/**
 * Turns invocations into requests on one {@link Connection} and replies into completions. A client
 * classifies error replies and timeouts itself (docs/protocol.md#errors); an exception it throws
 * (for example a malformed reply) is recorded as {@code :info} with {@code "indeterminate: <message>"}.
 */
public interface Client {
  Completion invoke(Invocation invocation) throws Exception;
}
