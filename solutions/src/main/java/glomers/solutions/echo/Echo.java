package glomers.solutions.echo;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.RawJson;

/** Challenge 1: answer every echo with its payload. RawJson keeps any JSON value byte-for-byte. */
@Solution("echo")
final class Echo {
  @Message("echo")
  record EchoMessage(RawJson echo) {}

  @Message("echo_ok")
  record EchoOk(RawJson echo) {}

  @Handles
  EchoOk echo(EchoMessage message) {
    return new EchoOk(message.echo()); // the returned record is the reply
  }
}
