package glomers.harness.service;

import java.util.Map;

/**
 * One of Maelstrom's built-in services. Requests and replies are plain JSON-like Java data, so key
 * and value equality is strict structural equality ({@code 1L} is not {@code 1.0}).
 */
public interface Service {
  String id();

  /**
   * The reply body without {@code in_reply_to}, or null to send nothing (unknown request type), as
   * Maelstrom logs and ignores requests its handler cannot serve.
   */
  Map<String, Object> handle(String src, Map<String, Object> request);
}
