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

  /** Whether JSON null reads as Java null (and a missing field is allowed). */
  default boolean nullable() {
    return true;
  }

  enum Scalar {
    BOOLEAN("Boolean", TypeName.BOOLEAN),
    INT("Int", TypeName.INT),
    LONG("Long", TypeName.LONG),
    DOUBLE("Double", TypeName.DOUBLE);

    /** Names the runtime's reader, e.g. {@code Json.readLong}. */
    final String label;
    final TypeName primitive;

    Scalar(String label, TypeName primitive) {
      this.label = label;
      this.primitive = primitive;
    }
  }

  record Primitive(Scalar scalar, boolean boxed) implements JsonType {
    @Override
    public TypeName typeName() {
      return boxed ? scalar.primitive.box() : scalar.primitive;
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

  }

  record Raw() implements JsonType {
    static final ClassName RAW_JSON = ClassName.get("glomers.runtime", "RawJson");

    @Override
    public TypeName typeName() {
      return RAW_JSON;
    }

  }

  /** A List or a Set. */
  record Many(JsonType element, boolean set) implements JsonType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(
          ClassName.get(set ? Set.class : List.class), element.typeName());
    }

  }

  /** A {@code Map<String, value>}, which JSON writes as an object. */
  record MapOf(JsonType value) implements JsonType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(
          ClassName.get(Map.class), ClassName.get(String.class), value.typeName());
    }

  }

  /** Another record, read and written by its own generated codec. */
  record Nested(ClassName record, ClassName codec) implements JsonType {
    @Override
    public TypeName typeName() {
      return record;
    }

  }
}
