package glomers.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import glomers.processor.JsonType.Many;
import glomers.processor.JsonType.MapOf;
import glomers.processor.JsonType.Nested;
import glomers.processor.JsonType.Primitive;
import glomers.processor.JsonType.Raw;
import glomers.processor.JsonType.Text;
import glomers.processor.Model.Component;
import glomers.processor.Model.RecordShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Record>_Codec}: a jackson-core streaming reader and writer for one record.
 * Helpers for scalars and collections are emitted as private static methods of the codec that
 * needs them, so a codec depends on nothing but jackson-core and the runtime's json types.
 */
final class CodecGenerator {
  static final ClassName CODEC = ClassName.get("glomers.runtime.json", "Codec");
  static final ClassName SHAPE_EXCEPTION =
      ClassName.get("glomers.runtime.json", "JsonShapeException");
  static final ClassName PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  static final ClassName GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
  static final ClassName TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
  static final ClassName NUMBER_TYPE = PARSER.nestedClass("NumberType");
  static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", GlomersProcessor.class.getName())
          .build();

  JavaFile generate(RecordShape record, String wireType) {
    return new Codec(record, wireType).file();
  }

  /** One codec being generated; collects the helper methods its fields need. */
  private static final class Codec {
    private final RecordShape record;
    private final String wireType;
    private final String label;
    private final Map<String, MethodSpec> helpers = new LinkedHashMap<>();
    // Helper names by the type they serve, so two record types with one simple name stay apart.
    private final Map<TypeName, String> labels = new HashMap<>();
    private final Set<String> usedLabels = new HashSet<>();

    Codec(RecordShape record, String wireType) {
      this.record = record;
      this.wireType = wireType;
      this.label = wireType != null ? wireType : String.join(".", record.className().simpleNames());
    }

    JavaFile file() {
      ClassName codec = record.codec();
      ClassName type = record.className();
      // read() and writeFields() first: they decide which helpers exist.
      MethodSpec read = read();
      MethodSpec write = writeFields();
      TypeSpec.Builder spec =
          TypeSpec.classBuilder(codec)
              .addOriginatingElement(record.element())
              .addAnnotation(GENERATED)
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addSuperinterface(ParameterizedTypeName.get(CODEC, type))
              .addField(
                  FieldSpec.builder(codec, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                      .initializer("new $T()", codec)
                      .build())
              .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
              .addMethod(
                  MethodSpec.methodBuilder("javaType")
                      .addAnnotation(Override.class)
                      .addModifiers(Modifier.PUBLIC)
                      .returns(ParameterizedTypeName.get(ClassName.get(Class.class), type))
                      .addStatement("return $T.class", type)
                      .build())
              .addMethod(
                  MethodSpec.methodBuilder("wireType")
                      .addAnnotation(Override.class)
                      .addModifiers(Modifier.PUBLIC)
                      .returns(String.class)
                      .addStatement("return $L", wireType == null ? "null" : CodeBlock.of("$S", wireType))
                      .build())
              .addMethod(read)
              .addMethod(write)
              .addMethods(helpers.values())
              .addMethod(unexpected());
      return JavaFile.builder(codec.packageName(), spec.build()).skipJavaLangImports(true).build();
    }

    private MethodSpec read() {
      ClassName type = record.className();
      MethodSpec.Builder method =
          MethodSpec.methodBuilder("read")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(type)
              .addParameter(PARSER, "parser")
              .addException(IOException.class)
              .beginControlFlow("if (parser.currentToken() != $T.START_OBJECT)", TOKEN)
              .addStatement("throw unexpected(parser, $S, $S)", label, "an object")
              .endControlFlow();
      List<Component> components = record.components();
      if (components.isEmpty()) {
        return method
            .addStatement("parser.skipChildren()")
            .addStatement("return new $T()", type)
            .build();
      }
      NameAllocator names = new NameAllocator();
      names.newName("parser", "parser");
      names.newName("field", "field");
      for (Component c : components) {
        names.newName(c.accessor(), c);
        if (!c.type().nullable()) {
          names.newName("has" + capitalize(c.accessor()), "has:" + c.accessor());
        }
      }
      for (Component c : components) {
        JsonType t = c.type();
        method.addStatement("$T $N = $L", t.typeName(), names.get(c), t.nullable() ? "null" : zero(t));
        if (!t.nullable()) {
          method.addStatement("boolean $N = false", names.get("has:" + c.accessor()));
        }
      }
      method
          .beginControlFlow("while (parser.nextToken() == $T.FIELD_NAME)", TOKEN)
          .addStatement("String field = parser.currentName()")
          .addStatement("parser.nextToken()")
          .beginControlFlow("switch (field)");
      for (Component c : components) {
        CodeBlock where = CodeBlock.of("$S", "field '" + c.jsonName() + "' of " + label);
        CodeBlock value = readValue(c.type(), where);
        if (c.type().nullable()) {
          method.addStatement("case $S -> $N =$W$L", c.jsonName(), names.get(c), value);
        } else {
          method
              .beginControlFlow("case $S ->", c.jsonName())
              .addStatement("$N = $L", names.get(c), value)
              .addStatement("$N = true", names.get("has:" + c.accessor()))
              .endControlFlow();
        }
      }
      method.addStatement("default -> parser.skipChildren()").endControlFlow().endControlFlow();
      for (Component c : components) {
        if (!c.type().nullable()) {
          method
              .beginControlFlow("if (!$N)", names.get("has:" + c.accessor()))
              .addStatement(
                  "throw new $T($S)",
                  SHAPE_EXCEPTION,
                  "missing field '" + c.jsonName() + "' of " + label)
              .endControlFlow();
        }
      }
      CodeBlock args =
          components.stream()
              .map(c -> CodeBlock.of("$N", names.get(c)))
              .collect(CodeBlock.joining(",$W"));
      return method.addStatement("return new $T($L)", type, args).build();
    }

    private MethodSpec writeFields() {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder("writeFields")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .addParameter(GENERATOR, "generator")
              .addParameter(record.className(), "value")
              .addException(IOException.class);
      for (Component c : record.components()) {
        CodeBlock get = CodeBlock.of("value.$N()", c.accessor());
        JsonType t = c.type();
        if (t.nullable()) {
          method.beginControlFlow("if ($L != null)", get);
        }
        if (t instanceof Primitive p) {
          String call = p.scalar() == JsonType.Scalar.BOOLEAN ? "writeBooleanField" : "writeNumberField";
          method.addStatement("generator.$N($S, $L)", call, c.jsonName(), get);
        } else if (t instanceof Text) {
          method.addStatement("generator.writeStringField($S, $L)", c.jsonName(), get);
        } else {
          method.addStatement("generator.writeFieldName($S)", c.jsonName());
          method.addCode(writeValue(t, get));
        }
        if (t.nullable()) {
          method.endControlFlow();
        }
      }
      return method.build();
    }

    /** An expression reading the value the parser is at; {@code where} names it in errors. */
    private CodeBlock readValue(JsonType type, CodeBlock where) {
      return switch (type) {
        case Primitive p when p.boxed() ->
            CodeBlock.of(
                "parser.currentToken() == $T.VALUE_NULL$W? null$W: $N(parser, $L)",
                TOKEN,
                readScalar(p.scalar()),
                where);
        case Primitive p -> CodeBlock.of("$N(parser, $L)", readScalar(p.scalar()), where);
        case Text t -> CodeBlock.of("$N(parser, $L)", readString(), where);
        case Raw r -> CodeBlock.of("$T.read(parser)", Raw.RAW_JSON);
        case Nested n ->
            CodeBlock.of(
                "parser.currentToken() == $T.VALUE_NULL$W? null$W: $T.INSTANCE.read(parser)",
                TOKEN,
                n.codec());
        case Many m -> CodeBlock.of("$N(parser, $L)", readMany(m), where);
        case MapOf m -> CodeBlock.of("$N(parser, $L)", readMap(m), where);
      };
    }

    /** Statements writing a non-null value. */
    private CodeBlock writeValue(JsonType type, CodeBlock value) {
      return switch (type) {
        case Primitive p when p.scalar() == JsonType.Scalar.BOOLEAN ->
            CodeBlock.builder().addStatement("generator.writeBoolean($L)", value).build();
        case Primitive p -> CodeBlock.builder().addStatement("generator.writeNumber($L)", value).build();
        case Text t -> CodeBlock.builder().addStatement("generator.writeString($L)", value).build();
        case Raw r -> CodeBlock.builder().addStatement("$L.write(generator)", value).build();
        case Nested n ->
            CodeBlock.builder()
                .addStatement("generator.writeStartObject()")
                .addStatement("$T.INSTANCE.writeFields(generator, $L)", n.codec(), value)
                .addStatement("generator.writeEndObject()")
                .build();
        case Many m -> CodeBlock.builder().addStatement("$N(generator, $L)", writeMany(m), value).build();
        case MapOf m -> CodeBlock.builder().addStatement("$N(generator, $L)", writeMap(m), value).build();
      };
    }

    private CodeBlock writeNullable(JsonType type, CodeBlock value) {
      if (!type.nullable()) {
        return writeValue(type, value);
      }
      return CodeBlock.builder()
          .beginControlFlow("if ($L == null)", value)
          .addStatement("generator.writeNull()")
          .nextControlFlow("else")
          .add(writeValue(type, value))
          .endControlFlow()
          .build();
    }

    private String readScalar(JsonType.Scalar scalar) {
      String name = "read" + scalar.label;
      if (helpers.containsKey(name)) {
        return name;
      }
      MethodSpec.Builder method = helper(name, scalar.primitive);
      switch (scalar) {
        case BOOLEAN ->
            method
                .beginControlFlow("if (parser.currentToken() == $T.VALUE_TRUE)", TOKEN)
                .addStatement("return true")
                .endControlFlow()
                .beginControlFlow("if (parser.currentToken() == $T.VALUE_FALSE)", TOKEN)
                .addStatement("return false")
                .endControlFlow()
                .addStatement("throw unexpected(parser, where, $S)", scalar.expected);
        case INT, LONG ->
            method
                .beginControlFlow(
                    "if (parser.currentToken() != $T.VALUE_NUMBER_INT$W|| parser.getNumberType() $L $T.$L)",
                    TOKEN,
                    scalar == JsonType.Scalar.INT ? "!=" : "==",
                    NUMBER_TYPE,
                    scalar == JsonType.Scalar.INT ? "INT" : "BIG_INTEGER")
                .addStatement("throw unexpected(parser, where, $S)", scalar.expected)
                .endControlFlow()
                .addStatement(
                    "return parser.$L()", scalar == JsonType.Scalar.INT ? "getIntValue" : "getLongValue");
        case DOUBLE ->
            method
                .beginControlFlow(
                    "if (parser.currentToken() != $T.VALUE_NUMBER_INT$W&& parser.currentToken() != $T.VALUE_NUMBER_FLOAT)",
                    TOKEN,
                    TOKEN)
                .addStatement("throw unexpected(parser, where, $S)", scalar.expected)
                .endControlFlow()
                .addStatement("return parser.getDoubleValue()");
      }
      helpers.put(name, method.build());
      return name;
    }

    private String readString() {
      String name = "readString";
      if (!helpers.containsKey(name)) {
        helpers.put(
            name,
            helper(name, ClassName.get(String.class))
                .addCode(returnNullOnNull())
                .beginControlFlow("if (parser.currentToken() != $T.VALUE_STRING)", TOKEN)
                .addStatement("throw unexpected(parser, where, $S)", "a string")
                .endControlFlow()
                .addStatement("return parser.getText()")
                .build());
      }
      return name;
    }

    private String readMany(Many type) {
      String name = "read" + labelOf(type);
      if (helpers.containsKey(name)) {
        return name;
      }
      helpers.put(name, null); // reserves the slot so helpers appear in first-use order
      ClassName impl = ClassName.get(type.set() ? LinkedHashSet.class : ArrayList.class);
      String local = type.set() ? "set" : "list";
      MethodSpec method =
          helper(name, type.typeName())
              .addCode(returnNullOnNull())
              .beginControlFlow("if (parser.currentToken() != $T.START_ARRAY)", TOKEN)
              .addStatement("throw unexpected(parser, where, $S)", "an array")
              .endControlFlow()
              .addStatement("$T $N = new $T<>()", type.typeName(), local, impl)
              .beginControlFlow("while (parser.nextToken() != $T.END_ARRAY)", TOKEN)
              .addStatement("$N.add($L)", local, readElement(type.element()))
              .endControlFlow()
              .addStatement("return $N", local)
              .build();
      helpers.put(name, method);
      return name;
    }

    private String readMap(MapOf type) {
      String name = "read" + labelOf(type);
      if (helpers.containsKey(name)) {
        return name;
      }
      helpers.put(name, null);
      MethodSpec method =
          helper(name, type.typeName())
              .addCode(returnNullOnNull())
              .beginControlFlow("if (parser.currentToken() != $T.START_OBJECT)", TOKEN)
              .addStatement("throw unexpected(parser, where, $S)", "an object")
              .endControlFlow()
              .addStatement("$T map = new $T<>()", type.typeName(), LinkedHashMap.class)
              .beginControlFlow("while (parser.nextToken() == $T.FIELD_NAME)", TOKEN)
              .addStatement("String key = parser.currentName()")
              .addStatement("parser.nextToken()")
              .addStatement("map.put(key, $L)", readElement(type.value()))
              .endControlFlow()
              .addStatement("return map")
              .build();
      helpers.put(name, method);
      return name;
    }

    /** Elements reuse the field's description: errors name the field, not the index. */
    private CodeBlock readElement(JsonType element) {
      return readValue(element, CodeBlock.of("where"));
    }

    private String writeMany(Many type) {
      String name = "write" + labelOf(type);
      if (helpers.containsKey(name)) {
        return name;
      }
      helpers.put(name, null);
      String local = type.set() ? "set" : "list";
      MethodSpec method =
          MethodSpec.methodBuilder(name)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(GENERATOR, "generator")
              .addParameter(type.typeName(), local)
              .addException(IOException.class)
              .addStatement("generator.writeStartArray()")
              .beginControlFlow("for ($T element : $N)", type.element().typeName(), local)
              .addCode(writeNullable(type.element(), CodeBlock.of("element")))
              .endControlFlow()
              .addStatement("generator.writeEndArray()")
              .build();
      helpers.put(name, method);
      return name;
    }

    private String writeMap(MapOf type) {
      String name = "write" + labelOf(type);
      if (helpers.containsKey(name)) {
        return name;
      }
      helpers.put(name, null);
      TypeName entry =
          ParameterizedTypeName.get(
              ClassName.get(Map.Entry.class), ClassName.get(String.class), type.value().typeName());
      MethodSpec method =
          MethodSpec.methodBuilder(name)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(GENERATOR, "generator")
              .addParameter(type.typeName(), "map")
              .addException(IOException.class)
              .addStatement("generator.writeStartObject()")
              .beginControlFlow("for ($T entry : map.entrySet())", entry)
              .addStatement("generator.writeFieldName(entry.getKey())")
              .addCode(writeNullable(type.value(), CodeBlock.of("entry.getValue()")))
              .endControlFlow()
              .addStatement("generator.writeEndObject()")
              .build();
      helpers.put(name, method);
      return name;
    }

    private MethodSpec.Builder helper(String name, TypeName returns) {
      return MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(returns)
          .addParameter(PARSER, "parser")
          .addParameter(String.class, "where")
          .addException(IOException.class);
    }

    private static CodeBlock returnNullOnNull() {
      return CodeBlock.builder()
          .beginControlFlow("if (parser.currentToken() == $T.VALUE_NULL)", TOKEN)
          .addStatement("return null")
          .endControlFlow()
          .build();
    }

    private MethodSpec unexpected() {
      return MethodSpec.methodBuilder("unexpected")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(SHAPE_EXCEPTION)
          .addParameter(PARSER, "parser")
          .addParameter(String.class, "where")
          .addParameter(String.class, "expected")
          .addStatement(
              "return new $T(where + \": expected \" + expected + \", got \"$W+ $T.valueDescFor(parser.currentToken()))",
              SHAPE_EXCEPTION,
              TOKEN)
          .build();
    }

    /** Helper-name part for a type, made unique when two record types share a simple name. */
    private String labelOf(JsonType type) {
      String existing = labels.get(type.typeName());
      if (existing != null) {
        return existing;
      }
      String base = type.label();
      String candidate = base;
      for (int i = 2; usedLabels.contains(candidate); i++) {
        candidate = base + i;
      }
      usedLabels.add(candidate);
      labels.put(type.typeName(), candidate);
      return candidate;
    }

    private static String zero(JsonType type) {
      return switch (((Primitive) type).scalar()) {
        case BOOLEAN -> "false";
        case INT -> "0";
        case LONG -> "0L";
        case DOUBLE -> "0.0";
      };
    }

    private static String capitalize(String name) {
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
  }
}
