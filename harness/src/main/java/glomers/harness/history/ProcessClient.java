package glomers.harness.history;

/**
 * The client connection a history process used and the node it talked to, e.g. {@code c6} and
 * {@code n0}: written beside each client op in history.jsonl and history.txt.
 */
public record ProcessClient(String connection, String node) {}
