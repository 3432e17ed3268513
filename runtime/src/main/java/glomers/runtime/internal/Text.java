package glomers.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** How the node words failures in its log and error replies. */
final class Text {
  private Text() {}

  static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }

  static String messageOf(IOException e) {
    return e instanceof JsonProcessingException processing
        ? processing.getOriginalMessage()
        : String.valueOf(e.getMessage());
  }

  static String abbreviate(String line) {
    return line.length() <= 500 ? line : line.substring(0, 500) + "...(" + line.length() + " chars)";
  }
}
