package glomers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes messages of one wire type to this method. Bare {@code @Handles} takes the type from the
 * first parameter's {@code @Message}; {@code @Handles("type")} names it, for a record several
 * handlers share or one without {@code @Message}.
 *
 * <p>The first parameter is the message record; after it may come a {@code glomers.runtime.Node}
 * and a {@code glomers.runtime.Request} (sender and msg_id), in any order. The return type says
 * how the request is answered:
 *
 * <ul>
 *   <li>a record: sent back as the reply;
 *   <li>{@code CompletionStage<R>} of a record: the reply is sent when the stage completes;
 *   <li>{@code void}: no automatic reply (for gossip, or a reply sent later with
 *       {@code node.reply(request, ...)}).
 * </ul>
 *
 * Throwing {@code glomers.runtime.RpcError} answers with that error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Handles {
  /**
   * The body's {@code "type"} this method receives, e.g. {@code "broadcast"}; empty (the default)
   * for the first parameter's {@code @Message} type.
   */
  String value() default "";
}
