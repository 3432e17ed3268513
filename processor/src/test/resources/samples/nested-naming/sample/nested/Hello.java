package sample.nested;

import glomers.annotations.Message;

/** A top-level @Message record beside the solution: sendable, so it gets a codec too. */
@Message("hello")
record Hello(String greeting) {}
