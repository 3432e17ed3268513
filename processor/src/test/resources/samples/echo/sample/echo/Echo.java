package sample.echo;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.RawJson;

@Solution("echo")
final class Echo {
  @Message("echo")
  record Request(RawJson echo) {}

  @Message("echo_ok")
  record Reply(RawJson echo) {}

  @Handles("echo")
  Reply echo(Request request) {
    return new Reply(request.echo());
  }
}
