package glomers.runtime.spi;

import glomers.runtime.Request;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** A solution instance as the runtime drives it; generated, one per node. */
public interface Handlers {
  /** True if a {@code @Handles} method takes this wire type. */
  boolean handles(String type);

  /**
   * Decodes the body and calls the handler for {@code request.type()}, then replies as its return
   * type says. {@code body} is positioned at the body's {@code START_OBJECT}.
   *
   * @throws glomers.runtime.spi.JsonShapeException if the body does not fit the record
   * @throws RpcError thrown by the handler, to be sent back as an error reply
   */
  void handle(Request request, JsonParser body) throws IOException;

  /** Called once after {@code init}: schedules the {@code @Every} methods. */
  void start();
}
