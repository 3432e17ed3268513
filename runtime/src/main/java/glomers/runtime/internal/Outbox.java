package glomers.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Everything a node writes: envelopes around records, {@code init_ok} and error replies. */
final class Outbox {
  private final Dispatcher dispatcher;
  private final Transport transport;
  private final Map<Class<?>, Codec<?>> codecs = new HashMap<>();
  private boolean serviceCodecsAdded;
  /** The node's id, the {@code src} of everything sent; null until {@code init}. */
  String id;

  Outbox(Dispatcher dispatcher, Transport transport) {
    this.dispatcher = dispatcher;
    this.transport = transport;
    for (Codec<?> codec : dispatcher.codecs()) {
      codecs.put(codec.javaType(), codec);
    }
  }

  void initOk(String dest, long inReplyTo) {
    StringWriter out = new StringWriter(96);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, dest, "init_ok", null, inReplyTo);
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    transport.send(out.toString());
  }

  void error(String dest, long inReplyTo, int code, String text) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, dest, "error", null, inReplyTo);
      json.writeNumberField("code", code);
      if (text != null) {
        json.writeStringField("text", text);
      }
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    transport.send(out.toString());
  }

  @SuppressWarnings("unchecked")
  void write(String dest, Record body, Long msgId, Long inReplyTo) {
    if (id == null) {
      throw new IllegalStateException("cannot send before init: this node has no id yet");
    }
    Codec<Record> codec = (Codec<Record>) codecFor(body.getClass());
    if (codec.wireType() == null) {
      throw new IllegalArgumentException(
          body.getClass().getName() + " has no wire type; annotate it with @Message(\"type\")");
    }
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, dest, codec.wireType(), msgId, inReplyTo);
      codec.writeFields(json, body);
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + body.getClass().getName() + " failed", e);
    }
    transport.send(out.toString());
  }

  private void startEnvelope(JsonGenerator json, String dest, String type, Long msgId, Long inReplyTo)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("src", id);
    json.writeStringField("dest", dest);
    json.writeFieldName("body");
    json.writeStartObject();
    json.writeStringField("type", type);
    if (msgId != null) {
      json.writeNumberField("msg_id", msgId);
    }
    if (inReplyTo != null) {
      json.writeNumberField("in_reply_to", inReplyTo);
    }
  }

  private static void endEnvelope(JsonGenerator json) throws IOException {
    json.writeEndObject();
    json.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  <T> Codec<T> codecFor(Class<T> type) {
    Codec<?> codec = codecs.get(type);
    if (codec == null && !serviceCodecsAdded) {
      // Loaded on first miss so that nodes which never talk to a service never load these classes.
      serviceCodecsAdded = true;
      for (Codec<?> serviceCodec : ServiceMessages.codecs()) {
        codecs.putIfAbsent(serviceCodec.javaType(), serviceCodec);
      }
      codec = codecs.get(type);
    }
    if (codec == null) {
      throw new IllegalArgumentException("no codec for " + type.getName()
          + " in solution " + dispatcher.solution() + "; is it a record annotated with @Message?");
    }
    return (Codec<T>) codec;
  }
}
