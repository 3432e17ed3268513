package glomers.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shape of a record component, as far as code generation cares. */
sealed interface JsonType {
  /** The Java type as declared in generated code (primitive for an unboxed scalar). */
  TypeName typeName();

  /** Part of generated helper names, e.g. {@code LongList} in {@code readLongList}. */
  String label();

  /** Whether JSON null reads as Java null (and a missing field is allowed). */
  default boolean nullable() {
    return true;
  }

  enum Scalar {
    BOOLEAN("Boolean", TypeName.BOOLEAN, "a boolean"),
    INT("Int", TypeName.INT, "a 32-bit integer"),
    LONG("Long", TypeName.LONG, "a 64-bit integer"),
    DOUBLE("Double", TypeName.DOUBLE, "a number");

    final String label;
    final TypeName primitive;
    final String expected;

    Scalar(String label, TypeName primitive, String expected) {
      this.label = label;
      this.primitive = primitive;
      this.expected = expected;
    }
  }

  record Primitive(Scalar scalar, boolean boxed) implements JsonType {
    @Override
    public TypeName typeName() {
      return boxed ? scalar.primitive.box() : scalar.primitive;
    }

    @Override
    public String label() {
      return scalar.label;
    }

    @Override
    public boolean nullable() {
      return boxed;
    }
  }

  record Text() implements JsonType {
    @Override
    public TypeName typeName() {
      return ClassName.get(String.class);
    }

    @Override
    public String label() {
      return "String";
    }
  }

  record Raw() implements JsonType {
    static final ClassName RAW_JSON = ClassName.get("glomers.runtime.json", "RawJson");

    @Override
    public TypeName typeName() {
      return RAW_JSON;
    }

    @Override
    public String label() {
      return "RawJson";
    }
  }

  /** A List or a Set. */
  record Many(JsonType element, boolean set) implements JsonType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(
          ClassName.get(set ? Set.class : List.class), element.typeName());
    }

    @Override
    public String label() {
      return element.label() + (set ? "Set" : "List");
    }
  }

  /** A {@code Map<String, value>}, which JSON writes as an object. */
  record MapOf(JsonType value) implements JsonType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(
          ClassName.get(Map.class), ClassName.get(String.class), value.typeName());
    }

    @Override
    public String label() {
      return value.label() + "Map";
    }
  }

  /** Another record, read and written by its own generated codec. */
  record Nested(ClassName record, ClassName codec) implements JsonType {
    @Override
    public TypeName typeName() {
      return record;
    }

    @Override
    public String label() {
      return record.simpleName();
    }
  }
}
