package sample.nested;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;

final class Outer {
  /** A nested solution: its dispatcher is Outer_Inner_Dispatcher. */
  @Solution("nested")
  static final class Inner {
    static final class Deep {
      @Message("ping")
      record Ping(String from) {}
    }

    @Message("pong")
    record Pong(String to) {}

    @Handles("ping")
    Pong ping(Deep.Ping ping) {
      return new Pong(ping.from());
    }
  }
}
