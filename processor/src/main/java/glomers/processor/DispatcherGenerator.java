package glomers.processor;

import static glomers.processor.CodecGenerator.GENERATED;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import glomers.processor.Model.Extra;
import glomers.processor.Model.Handler;
import glomers.processor.Model.Reply;
import glomers.processor.Model.Solution;
import glomers.processor.Model.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Solution>_Dispatcher}: the solution's codecs, and a {@code Handlers} that
 * decodes each request with the right codec and calls the handler directly (no reflection).
 */
final class DispatcherGenerator {
  static final ClassName DISPATCHER = ClassName.get("glomers.runtime.spi", "Dispatcher");
  static final ClassName HANDLERS = ClassName.get("glomers.runtime.spi", "Handlers");
  static final ClassName NODE = ClassName.get("glomers.runtime", "Node");
  static final ClassName REQUEST = ClassName.get("glomers.runtime", "Request");
  static final ClassName RPC_ERROR = ClassName.get("glomers.runtime", "RpcError");

  JavaFile generate(Solution solution) {
    ClassName dispatcher = Names.dispatcherName(solution.className());
    TypeName codecList =
        ParameterizedTypeName.get(
            ClassName.get(List.class),
            ParameterizedTypeName.get(CodecGenerator.CODEC, WildcardTypeName.subtypeOf(Object.class)));
    CodeBlock codecs =
        solution.records().stream()
            .map(r -> CodeBlock.of("$T.INSTANCE", r.codec()))
            .collect(CodeBlock.joining(",\n"));
    CodeBlock types =
        solution.handlers().stream()
            .map(h -> CodeBlock.of("$S", h.type()))
            .collect(CodeBlock.joining(",$W"));

    TypeSpec spec =
        TypeSpec.classBuilder(dispatcher)
            .addOriginatingElement(solution.element())
            .addAnnotation(GENERATED)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(DISPATCHER)
            .addField(
                FieldSpec.builder(
                        ParameterizedTypeName.get(Set.class, String.class),
                        "TYPES",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .initializer("$T.of($L)", Set.class, types)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("solution")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addStatement("return $S", solution.name())
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("codecs")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(codecList)
                    // Built on call, not in a static field: the launcher instantiates every
                    // dispatcher before its own to ask its name, and should not load their codecs.
                    .addStatement(
                        solution.records().isEmpty()
                            ? CodeBlock.of("return $T.of()", List.class)
                            : CodeBlock.of("return $T.of(\n$L)", List.class, codecs))
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("bind")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(HANDLERS)
                    .addParameter(NODE, "node")
                    .addStatement(
                        "return new Bound(node, new $T($L))",
                        solution.className(),
                        solution.constructorTakesNode() ? "node" : "")
                    .build())
            .addType(bound(solution))
            .build();
    return JavaFile.builder(dispatcher.packageName(), spec).skipJavaLangImports(true).build();
  }

  /** The per-node Handlers: a named class reads better in the generated source than a lambda soup. */
  private TypeSpec bound(Solution solution) {
    ClassName type = solution.className();
    TypeSpec.Builder bound =
        TypeSpec.classBuilder("Bound")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(HANDLERS)
            .addField(NODE, "node", Modifier.PRIVATE, Modifier.FINAL)
            .addField(type, "solution", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addParameter(NODE, "node")
                    .addParameter(type, "solution")
                    .addStatement("this.node = node")
                    .addStatement("this.solution = solution")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("handles")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(boolean.class)
                    .addParameter(String.class, "type")
                    .addStatement("return TYPES.contains(type)")
                    .build())
            .addMethod(handle(solution))
            .addMethod(start(solution));
    if (solution.handlers().stream().anyMatch(h -> h.reply() == Reply.RECORD)) {
      bound.addMethod(
          MethodSpec.methodBuilder("reply")
              .addModifiers(Modifier.PRIVATE)
              .addParameter(REQUEST, "request")
              .addParameter(Record.class, "reply")
              .addCode(replyIfPresent())
              .build());
    }
    if (solution.handlers().stream().anyMatch(h -> h.reply() == Reply.STAGE)) {
      bound.addMethod(
          MethodSpec.methodBuilder("reply")
              .addModifiers(Modifier.PRIVATE)
              .addParameter(REQUEST, "request")
              .addParameter(
                  ParameterizedTypeName.get(
                      ClassName.get(CompletionStage.class), WildcardTypeName.subtypeOf(Record.class)),
                  "reply")
              .addCode(replyIfPresent())
              .build());
    }
    return bound.build();
  }

  /** A handler may return null to mean "no reply after all". */
  private static CodeBlock replyIfPresent() {
    return CodeBlock.builder()
        .beginControlFlow("if (reply != null)")
        .addStatement("node.reply(request, reply)")
        .endControlFlow()
        .build();
  }

  private MethodSpec handle(Solution solution) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("handle")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(REQUEST, "request")
            .addParameter(CodecGenerator.PARSER, "body")
            .addException(IOException.class)
            .beginControlFlow("switch (request.type())");
    for (Handler handler : solution.handlers()) {
      CodeBlock.Builder args = CodeBlock.builder().add("$T.INSTANCE.read(body)", handler.message().codec());
      for (Extra extra : handler.extras()) {
        args.add(", $L", extra == Extra.NODE ? "node" : "request");
      }
      CodeBlock call = CodeBlock.of("solution.$N($L)", handler.method(), args.build());
      if (handler.reply() == Reply.NONE) {
        method.addStatement("case $S -> $L", handler.type(), call);
      } else {
        method.addStatement("case $S -> reply(request,$W$L)", handler.type(), call);
      }
    }
    return method
        .addStatement(
            "default -> throw $T.notSupported($S + request.type())", RPC_ERROR, "no handler for ")
        .endControlFlow()
        .build();
  }

  private MethodSpec start(Solution solution) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("start").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
    for (Timer timer : solution.timers()) {
      CodeBlock task =
          timer.takesNode()
              ? CodeBlock.of("() -> solution.$N(node)", timer.method())
              : CodeBlock.of("solution::$N", timer.method());
      method.addStatement(
          "node.every($T.ofMillis($L),$W$L)", Duration.class, timer.millis(), task);
    }
    return method.build();
  }
}
