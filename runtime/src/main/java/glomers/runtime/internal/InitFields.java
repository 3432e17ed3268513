package glomers.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.JsonShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The fields of {@code init} the runtime needs, read without a generated codec. */
final class InitFields {
  String nodeId;
  List<String> nodeIds;

  static InitFields read(JsonParser body) throws IOException {
    InitFields fields = new InitFields();
    while (body.nextToken() == JsonToken.FIELD_NAME) {
      String name = body.currentName();
      JsonToken value = body.nextToken();
      if ("node_id".equals(name)) {
        if (value != JsonToken.VALUE_STRING) {
          throw new JsonShapeException("node_id must be a string, got " + value);
        }
        fields.nodeId = body.getText();
      } else if ("node_ids".equals(name)) {
        fields.nodeIds = readStrings(body, value);
      } else {
        body.skipChildren();
      }
    }
    if (fields.nodeId == null) {
      throw new JsonShapeException("missing node_id");
    }
    if (fields.nodeIds == null) {
      throw new JsonShapeException("missing node_ids");
    }
    return fields;
  }

  private static List<String> readStrings(JsonParser body, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new JsonShapeException("node_ids must be an array of strings, got " + value);
    }
    List<String> ids = new ArrayList<>();
    for (JsonToken item = body.nextToken(); item != JsonToken.END_ARRAY; item = body.nextToken()) {
      if (item != JsonToken.VALUE_STRING) {
        throw new JsonShapeException("node_ids must be an array of strings, got " + item);
      }
      ids.add(body.getText());
    }
    return List.copyOf(ids);
  }
}
