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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Record>_Codec}: a jackson-core streaming reader and writer for one record.
 * Scalar readers, collection readers and writers and the shape errors live once in the runtime's
 * {@code glomers.runtime.spi.Json}; a codec holds its record's fields and, for each collection
 * type it uses, one {@code JsonValue} constant composed from the runtime's.
 */
final class CodecGenerator {
  static final ClassName CODEC = ClassName.get("glomers.runtime.spi", "Codec");
  static final ClassName JSON = ClassName.get("glomers.runtime.spi", "Json");
  static final ClassName JSON_VALUE = ClassName.get("glomers.runtime.spi", "JsonValue");
  static final ClassName PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  static final ClassName GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
  static final ClassName TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
  static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", GlomersProcessor.class.getName())
          .build();

  JavaFile generate(RecordShape record, String wireType) {
    return new Codec(record, wireType).file();
  }

  /** The runtime's {@code JsonValue} for a type, e.g. {@code Json.list(Json.LONG)}. */
  static CodeBlock value(JsonType type) {
    return switch (type) {
      case Primitive p -> CodeBlock.of("$T.$L", JSON, p.scalar().name());
      case Text t -> CodeBlock.of("$T.STRING", JSON);
      case Raw r -> CodeBlock.of("$T.RAW", JSON);
      case Nested n -> CodeBlock.of("$T.INSTANCE", n.codec());
      case Many m -> CodeBlock.of("$T.$L($L)", JSON, m.set() ? "set" : "list", value(m.element()));
      case MapOf m -> CodeBlock.of("$T.map($L)", JSON, value(m.value()));
    };
  }

  /** One codec being generated; collects the collection constants its fields need. */
  private static final class Codec {
    private final RecordShape record;
    private final String wireType;
    private final String label;
    private final NameAllocator constantNames = new NameAllocator();
    /** Collection constants by type: two fields of one type share one. */
    private final Map<TypeName, FieldSpec> constants = new LinkedHashMap<>();

    Codec(RecordShape record, String wireType) {
      this.record = record;
      this.wireType = wireType;
      this.label = wireType != null ? wireType : String.join(".", record.className().simpleNames());
      constantNames.newName("INSTANCE");
    }

    JavaFile file() {
      ClassName codec = record.codec();
      ClassName type = record.className();
      // read() and writeFields() first: they decide which constants exist.
      MethodSpec read = read();
      MethodSpec write = writeFields();
      TypeSpec.Builder spec =
          TypeSpec.classBuilder(codec)
              .addOriginatingElement(record.element())
              .addAnnotation(GENERATED)
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addSuperinterface(ParameterizedTypeName.get(CODEC, type))
              // INSTANCE first: constants below may refer to it (a record that holds its own type).
              .addField(
                  FieldSpec.builder(codec, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                      .initializer("new $T()", codec)
                      .build())
              .addFields(constants.values())
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
              .addMethod(write);
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
              .addStatement("$T.expectObject(parser, $S)", JSON, label);
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
        String where = "field '" + c.jsonName() + "' of " + label;
        if (c.type().nullable()) {
          method.addStatement(
              "case $S -> $N =$W$L.read(parser, $S)", c.jsonName(), names.get(c), valueOf(c), where);
        } else {
          String reader = "read" + ((Primitive) c.type()).scalar().label;
          method
              .beginControlFlow("case $S ->", c.jsonName())
              .addStatement("$N = $T.$N(parser, $S)", names.get(c), JSON, reader, where)
              .addStatement("$N = true", names.get("has:" + c.accessor()))
              .endControlFlow();
        }
      }
      method.addStatement("default -> parser.skipChildren()").endControlFlow().endControlFlow();
      for (Component c : components) {
        if (!c.type().nullable()) {
          method.addStatement(
              "$T.require($N, $S, $S)", JSON, names.get("has:" + c.accessor()), c.jsonName(), label);
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
          method.addStatement(
              "$T.writeField(generator, $S, $L, $L)", JSON, c.jsonName(), get, valueOf(c));
        } else {
          String call =
              ((Primitive) t).scalar() == JsonType.Scalar.BOOLEAN ? "writeBooleanField" : "writeNumberField";
          method.addStatement("generator.$N($S, $L)", call, c.jsonName(), get);
        }
      }
      return method.build();
    }

    /** The JsonValue a nullable component reads and writes with: a runtime one, or a constant. */
    private CodeBlock valueOf(Component c) {
      JsonType type = c.type();
      if (!(type instanceof Many) && !(type instanceof MapOf)) {
        return value(type);
      }
      FieldSpec constant = constants.get(type.typeName());
      if (constant == null) {
        String name = constantNames.newName(Names.constantCase(c.accessor()));
        constant =
            FieldSpec.builder(
                    ParameterizedTypeName.get(JSON_VALUE, type.typeName()),
                    name,
                    Modifier.PRIVATE,
                    Modifier.STATIC,
                    Modifier.FINAL)
                .initializer("$L", value(type))
                .build();
        constants.put(type.typeName(), constant);
      }
      return CodeBlock.of("$N", constant);
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
