package glomers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record the wire {@code type} it is sent and received as. The processor generates a
 * JSON codec for it. A record that only a {@link Handles} method receives may leave this out:
 * it takes the handler's type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Message {
  /** The body's {@code "type"} field, e.g. {@code "broadcast_ok"}. */
  String value();
}
