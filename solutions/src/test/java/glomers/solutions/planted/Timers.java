package glomers.solutions.planted;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import java.time.Duration;

/**
 * A test-only node for the simulator's kill and pause: {@code arm} sets three one-shot timers, 100,
 * 200 and 300 ms on, each of which sends {@code fired} with its number to whoever armed them;
 * {@code ping} is answered at once. What a pause delays and a kill loses shows in what comes back.
 */
@Solution("timers")
final class Timers {
  @Message("arm")
  record Arm() {}

  @Message("arm_ok")
  record ArmOk() {}

  @Message("fired")
  record Fired(long timer) {}

  @Message("ping")
  record Ping() {}

  @Message("pong")
  record Pong() {}

  private final Node node;

  Timers(Node node) {
    this.node = node;
  }

  @Handles
  ArmOk arm(Arm arm, Request from) {
    for (long timer = 1; timer <= 3; timer++) {
      long n = timer;
      node.after(Duration.ofMillis(100 * n), () -> node.send(from.src(), new Fired(n)));
    }
    return new ArmOk();
  }

  @Handles
  Pong ping(Ping ping) {
    return new Pong();
  }
}
