package glomers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method periodically on the node's event loop, starting one period after {@code init}.
 * The method takes no parameters or a single {@code glomers.runtime.Node}, and returns void.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Every {
  /** Period in milliseconds; must be positive. */
  long millis();
}
