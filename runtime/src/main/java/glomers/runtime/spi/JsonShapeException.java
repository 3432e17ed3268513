package glomers.runtime.spi;

import java.io.IOException;

/** Well-formed JSON that does not fit the record it is read as; answered with error 12. */
public final class JsonShapeException extends IOException {
  public JsonShapeException(String message) {
    super(message);
  }
}
