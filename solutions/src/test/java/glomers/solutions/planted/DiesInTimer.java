package glomers.solutions.planted;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;

/**
 * A solution whose timer throws OutOfMemoryError, the one failure the runtime lets escape, as it would
 * kill a real node: in simulation the run must abort with the error, not hang or pass.
 */
@Solution("dies-in-timer")
final class DiesInTimer {
  @Message("echo")
  record Echo(String echo) {}

  @Message("echo_ok")
  record EchoOk(String echo) {}

  @Handles
  EchoOk echo(Echo echo) {
    return new EchoOk(echo.echo());
  }

  @Every(millis = 1000)
  void tick() {
    throw new OutOfMemoryError("planted: the node dies in its timer");
  }
}
