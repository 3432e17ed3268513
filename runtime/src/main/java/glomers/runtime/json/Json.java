package glomers.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;

/** The one jackson-core factory of the process: building one loads dozens of classes. */
public final class Json {
  public static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}
}
