package glomers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a Maelstrom node. The processor generates {@code <Class>_Dispatcher} beside it,
 * and the launcher runs it by this name ({@code bin/<name>}).
 *
 * <p>The class needs a non-private constructor that takes no arguments or a single
 * {@code glomers.runtime.Node}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Solution {
  /** The solution's name, used to pick it at launch, e.g. {@code "broadcast"}. */
  String value();
}
