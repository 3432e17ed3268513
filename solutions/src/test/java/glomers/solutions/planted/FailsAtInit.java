package glomers.solutions.planted;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;

/** A solution whose constructor throws, so no node ever starts: a simulation must abort and say why. */
@Solution("fails-at-init")
final class FailsAtInit {
  @Message("echo")
  record Echo(String echo) {}

  @Message("echo_ok")
  record EchoOk(String echo) {}

  FailsAtInit(Node node) {
    throw new IllegalStateException("no config for " + node.id());
  }

  @Handles
  EchoOk echo(Echo echo) {
    return new EchoOk(echo.echo());
  }
}
