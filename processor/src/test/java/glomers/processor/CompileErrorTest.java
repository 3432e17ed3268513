package glomers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each misuse of the annotations fails the compile with a clear message at the right line. */
class CompileErrorTest {
  private static final List<String> IMPORTS =
      List.of(
          "package test;",
          "import glomers.annotations.*;",
          "import glomers.runtime.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;");

  private static JavaFileObject source(String name, String... body) {
    List<String> lines = new ArrayList<>(IMPORTS);
    lines.addAll(List.of(body));
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new GlomersProcessor()).compile(sources);
  }

  /** Compiles {@code body} as test.S and expects {@code message} on the line holding {@code marker}. */
  private static void assertError(String message, String marker, String... body) {
    JavaFileObject source = source("S", body);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(lineOf(marker, body));
  }

  private static int lineOf(String marker, String... body) {
    for (int i = 0; i < body.length; i++) {
      if (body[i].contains(marker)) {
        return IMPORTS.size() + i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + marker);
  }

  @Test
  void validSolutionCompiles() {
    Compilation compilation =
        compile(
            source(
                "S",
                "@Solution(\"s\") class S {",
                "  @Message(\"a\") record A(long v) {}",
                "  @Message(\"a_ok\") record AOk() {}",
                "  @Handles(\"a\") AOk a(A a, Request r) { return new AOk(); }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void twoHandlersForOneType() {
    assertError(
        "@Handles(\"a\") appears twice in S: methods first and second",
        "void second",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"a\") void first(A a) {}",
        "  @Handles(\"a\") void second(A a) {}",
        "}");
  }

  @Test
  void handlerParameterNotARecord() {
    assertError(
        "@Handles method add: first parameter must be a record annotated with @Message or used only"
            + " here; found long",
        "void add",
        "@Solution(\"s\") class S {",
        "  @Handles(\"add\") void add(long value) {}",
        "}");
  }

  @Test
  void handlerWithoutParameters() {
    assertError(
        "@Handles method add: first parameter must be the message record; found no parameters",
        "void add",
        "@Solution(\"s\") class S {",
        "  @Handles(\"add\") void add() {}",
        "}");
  }

  @Test
  void handlerWithAnExtraParameterOfAnotherType() {
    assertError(
        "@Handles method add: parameter extra has type java.lang.String; after the record only a"
            + " glomers.runtime.Node and a glomers.runtime.Request may follow",
        "String extra",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") void add(A a, Node node,",
        "      String extra) {}",
        "}");
  }

  @Test
  void handlerWithTheSameExtraTwice() {
    assertError(
        "parameter second has type glomers.runtime.Node",
        "Node second",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") void add(A a, Node first,",
        "      Node second) {}",
        "}");
  }

  @Test
  void handlerReturningANonRecord() {
    assertError(
        "@Handles method add returns java.lang.String; a handler returns its reply record, a"
            + " CompletionStage of the reply record, or void",
        "String add",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") String add(A a) { return \"\"; }",
        "}");
  }

  @Test
  void handlerReturningAStageOfANonRecord() {
    assertError(
        "@Handles method add returns java.util.concurrent.CompletionStage<java.lang.Long>",
        "add(A a)",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") CompletionStage<Long> add(A a) { return null; }",
        "}");
  }

  @Test
  void handlerReplyingWithARecordWithoutWireType() {
    assertError(
        "@Handles method add replies with Reply, which has no @Message",
        "Reply add",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  record Reply() {}",
        "  @Handles(\"add\") Reply add(A a) { return null; }",
        "}");
  }

  @Test
  void privateHandler() {
    assertError(
        "@Handles method add must not be private",
        "void add",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") private void add(A a) {}",
        "}");
  }

  @Test
  void staticHandler() {
    assertError(
        "@Handles method add must not be static",
        "void add",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") static void add(A a) {}",
        "}");
  }

  @Test
  void handlerThrowingACheckedException() {
    assertError(
        "@Handles method add declares checked exception java.lang.Exception",
        "void add",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"add\") void add(A a) throws Exception {}",
        "}");
  }

  @Test
  void handlerMayThrowIoException() {
    Compilation compilation =
        compile(
            source(
                "S",
                "@Solution(\"s\") class S {",
                "  record A(long v) {}",
                "  @Handles(\"add\") void add(A a) throws java.io.IOException {}",
                "}"));
    assertThat(compilation).succeeded();
  }

  @Test
  void privateEvery() {
    assertError(
        "@Every method tick must not be private",
        "void tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 10) private void tick() {}",
        "}");
  }

  @Test
  void staticEvery() {
    assertError(
        "@Every method tick must not be static",
        "void tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 10) static void tick() {}",
        "}");
  }

  @Test
  void everyWithNonPositiveMillis() {
    assertError(
        "@Every method tick: millis must be positive, found 0",
        "void tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 0) void tick() {}",
        "}");
  }

  @Test
  void everyWithWrongParameters() {
    assertError(
        "@Every method tick must take no parameters or a single glomers.runtime.Node",
        "void tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 10) void tick(Request r) {}",
        "}");
  }

  @Test
  void everyReturningAValue() {
    assertError(
        "@Every method tick must return void; found int",
        "int tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 10) int tick() { return 0; }",
        "}");
  }

  @Test
  void handlesOutsideASolution() {
    assertError(
        "@Handles method add is in Plain, which is not a @Solution class",
        "void add",
        "class Plain {",
        "  record A(long v) {}",
        "  @Handles(\"add\") void add(A a) {}",
        "}");
  }

  @Test
  void everyOutsideASolution() {
    assertError(
        "@Every method tick is in Plain, which is not a @Solution class",
        "void tick",
        "class Plain {",
        "  @Every(millis = 5) void tick() {}",
        "}");
  }

  @Test
  void solutionOnAnInterface() {
    assertError(
        "@Solution goes on a class, but S is an interface",
        "interface S",
        "@Solution(\"s\")",
        "interface S {}");
  }

  @Test
  void solutionWithoutUsableConstructor() {
    assertError(
        "@Solution class S needs a non-private constructor that takes no arguments or a single"
            + " glomers.runtime.Node",
        "class S",
        "@Solution(\"s\")",
        "class S {",
        "  private S() {}",
        "  S(String name) {}",
        "}");
  }

  @Test
  void abstractSolution() {
    assertError(
        "@Solution class S must not be abstract",
        "class S",
        "@Solution(\"s\")",
        "abstract class S {}");
  }

  @Test
  void innerSolution() {
    assertError(
        "@Solution class Inner is an inner class; make it static",
        "class Inner",
        "class S {",
        "  @Solution(\"s\")",
        "  class Inner {}",
        "}");
  }

  @Test
  void messageTypeDisagreesWithHandler() {
    assertError(
        "@Handles method add handles \"add\" but takes A, which is @Message(\"plus\")",
        "void add",
        "@Solution(\"s\") class S {",
        "  @Message(\"plus\") record A(long v) {}",
        "  @Handles(\"add\") void add(A a) {}",
        "}");
  }

  @Test
  void recordWithoutMessageReceivedAsTwoTypes() {
    assertError(
        "@Handles method minus handles \"minus\" but A is already received as \"plus\"",
        "void minus",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"plus\") void plus(A a) {}",
        "  @Handles(\"minus\") void minus(A a) {}",
        "}");
  }

  @Test
  void duplicateSolutionNames() {
    JavaFileObject first = source("First", "@Solution(\"dup\") class First {}");
    JavaFileObject second = source("Second", "@Solution(\"dup\") class Second {}");
    Compilation compilation = compile(first, second);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("@Solution(\"dup\") is also used by test.First");
    assertThat(compilation).hadErrorContaining("must be unique").inFile(second);
  }

  @Test
  void messageOnANonRecord() {
    assertError(
        "@Message goes on a record, but Add is a class",
        "class Add",
        "@Message(\"add\")",
        "class Add {}");
  }

  @Test
  void unsupportedComponentType() {
    assertError(
        "component queue of record A has type java.util.Queue<java.lang.Long>, and Queue is not"
            + " supported; supported types are boolean, int, long, double and their boxes, String,"
            + " RawJson, List<T>, Set<T>, Map<String, T> and records",
        "Queue<Long> queue",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v,",
        "      Queue<Long> queue) {}",
        "}");
  }

  @Test
  void unsupportedTypeDeepInsideGenerics() {
    assertError(
        "component m of record A has type java.util.Map<java.lang.String,java.util.List<java.lang.Object>>,"
            + " and Object is not supported",
        "Object>> m",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      Map<String, List<Object>> m) {}",
        "}");
  }

  @Test
  void unsupportedTypeInANestedRecord() {
    assertError(
        "component when of record Inner has type java.util.Date",
        "Date when",
        "@Solution(\"s\") class S {",
        "  record Inner(",
        "      Date when) {}",
        "  @Message(\"a\") record A(Inner inner) {}",
        "}");
  }

  @Test
  void mapWithNonStringKeys() {
    assertError(
        "a Map needs String keys",
        "Map<Long, String> m",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      Map<Long, String> m) {}",
        "}");
  }

  @Test
  void wildcardElements() {
    assertError(
        "which needs a concrete element type",
        "List<? extends Number> l",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      List<? extends Number> l) {}",
        "}");
  }

  @Test
  void reservedFieldName() {
    assertError(
        "component inReplyTo of message record A maps to JSON field 'in_reply_to', which Maelstrom"
            + " reserves",
        "long inReplyTo",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      long inReplyTo) {}",
        "}");
  }

  @Test
  void twoComponentsWithOneJsonName() {
    assertError(
        "components nodeIds and other of record A both map to JSON field 'node_ids'",
        "long other",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long nodeIds,",
        "      @JsonName(\"node_ids\") long other) {}",
        "}");
  }

  @Test
  void privateRecord() {
    assertError(
        "record A is private; generated code in the same package must be able to use it",
        "record A",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\")",
        "  private record A(long v) {}",
        "}");
  }

  @Test
  void publicRecordFromAnotherPackageGetsACodecThere() {
    JavaFileObject other =
        JavaFileObjects.forSourceLines(
            "other.Msgs",
            "package other;",
            "public class Msgs {",
            "  @glomers.annotations.Message(\"a\") public record Shared(Hidden h) {}",
            "  record Hidden(long v) {}",
            "}");
    JavaFileObject solution =
        source("S", "@Solution(\"s\") class S {", "  @Handles(\"a\") void a(other.Msgs.Shared h) {}", "}");
    Compilation compilation = compile(other, solution);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("other.Msgs_Shared_Codec");
    assertThat(compilation).generatedSourceFile("other.Msgs_Hidden_Codec");
    assertThat(compilation).generatedSourceFile("test.S_Dispatcher");
  }

  @Test
  void genericRecord() {
    assertError(
        "record A must not be generic",
        "record A",
        "@Solution(\"s\") class S {",
        "  record A<T>(long v) {}",
        "  @Handles(\"a\") void a(A<String> a) {}",
        "}");
  }

  @Test
  void reportsEveryProblemInOneCompile() {
    JavaFileObject source =
        source(
            "S",
            "@Solution(\"s\") class S {",
            "  @Handles(\"a\") private void a(long v) {}",
            "  @Every(millis = -1) void tick() {}",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void unresolvedTypesAreLeftToJavac() {
    JavaFileObject source =
        source(
            "S",
            "@Solution(\"s\") class S {",
            "  @Handles(\"a\") void a(Missing m) {}",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation.errors())
        .extracting(d -> d.getMessage(null))
        .noneMatch(m -> m.contains("@Handles"));
  }

  @Test
  void bareHandlesTakesTheTypeFromTheRecordsMessage() {
    Compilation compilation =
        compile(
            source(
                "S",
                "@Solution(\"s\") class S {",
                "  @Message(\"a\") record A(long v) {}",
                "  @Message(\"a_ok\") record AOk() {}",
                "  @Handles AOk a(A a) { return new AOk(); }",
                "}"));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.S_Dispatcher").contentsAsUtf8String()
        .contains("case \"a\" -> reply(request, solution.a(S_A_Codec.INSTANCE.read(body)))");
  }

  @Test
  void bareHandlesOnARecordWithoutMessage() {
    assertError(
        "@Handles method a names no type and its first parameter is not a @Message record;"
            + " write @Handles(\"type\") or annotate the record with @Message(\"type\")",
        "@Handles AOk",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Message(\"a_ok\") record AOk() {}",
        "  @Handles AOk a(A a) { return new AOk(); }",
        "}");
  }

  /** Issue 21: Node first drew "not a @Message record ... annotate the record", which it was. */
  @Test
  void bareHandlesWithNodeBeforeTheRecordSaysTheRecordComesFirst() {
    String[] body = {
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Message(\"a_ok\") record AOk() {}",
        "  @Handles AOk a(Node node, A a) { return new AOk(); }",
        "}"};
    assertError(
        "@Handles method a takes its message record A after node; the record must be the first"
            + " parameter, then optionally Node and Request: a(A a, Node node)",
        "@Handles AOk", body);
    assertThat(compile(source("S", body)).errors())
        .extracting(d -> d.getMessage(null))
        .noneMatch(m -> m.contains("annotate the record"));
  }

  @Test
  void namedHandlesWithRequestBeforeTheRecordSaysTheRecordComesFirst() {
    assertError(
        "@Handles method a takes its message record A after request; the record must be the first"
            + " parameter, then optionally Node and Request: a(A a, Request request, Node node)",
        "@Handles(\"a\") void",
        "@Solution(\"s\") class S {",
        "  record A(long v) {}",
        "  @Handles(\"a\") void a(Request request, A a, Node node) {}",
        "}");
  }

  @Test
  void bareHandlesWithOnlyNodeSaysItTakesNoRecord() {
    assertError(
        "@Handles method a takes no message record: its first parameter must be the record, then"
            + " optionally Node and Request",
        "@Handles void",
        "@Solution(\"s\") class S {",
        "  @Handles void a(Node node) {}",
        "}");
  }

  @Test
  void bareHandlesWithoutParameters() {
    assertError("@Handles method a names no type", "@Handles void",
        "@Solution(\"s\") class S {",
        "  @Handles void a() {}",
        "}");
  }

  @Test
  void bareHandlesAndExplicitHandlesForOneTypeClash() {
    assertError("@Handles(\"a\") appears twice in S: methods a and b", "void b",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Handles void a(A a) {}",
        "  @Handles(\"a\") void b(A a) {}",
        "}");
  }

  @Test
  void aProcessorBugIsACompileErrorNamingTheSolution() {
    JavaFileObject source = source("S",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Handles void a(A a) {}",
        "}");
    Compilation compilation = Compiler.javac()
        .withProcessors(new GlomersProcessor(type -> {
          throw new IllegalStateException("boom");
        }))
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("glomers processor failed while processing test.S:"
            + " java.lang.IllegalStateException: boom; this is a bug in the processor")
        .inFile(source)
        .onLine(IMPORTS.size() + 1);
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void genericSolution() {
    assertError("@Solution class S must not be generic", "class S<T>",
        "@Solution(\"s\") class S<T> {",
        "}");
  }

  @Test
  void genericHandler() {
    assertError("@Handles method a must not be generic", "<T> void a",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Handles <T> void a(A a) {}",
        "}");
  }

  @Test
  void handlerCheckedExceptionSaysWhatMayEscape() {
    assertError("@Handles method a declares checked exception java.lang.Exception; only IOException"
            + " and unchecked exceptions (like RpcError) may escape", "void a",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Handles void a(A a) throws Exception {}",
        "}");
  }

  @Test
  void timerMayNotThrowEvenIoException() {
    assertError("@Every method tick declares checked exception java.io.IOException; timer tasks"
            + " cannot throw checked exceptions", "void tick",
        "@Solution(\"s\") class S {",
        "  @Every(millis = 10) void tick() throws java.io.IOException {}",
        "}");
  }

  @Test
  void handlerMayThrowUncheckedExceptionsAndErrors() {
    assertThat(compile(source("S",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long v) {}",
        "  @Handles void a(A a) throws RpcError, IllegalStateException, AssertionError {}",
        "}"))).succeeded();
  }

  @Test
  void unsupportedPrimitiveSuggestsTheSupportedOnes() {
    assertError("component c of record A has type char, which is not supported (use int, long or"
            + " double)", "char c",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      char c) {}",
        "}");
  }

  /** The README lists exactly these as rejected; boolean, int, long, double and boxes are not. */
  @ParameterizedTest
  @ValueSource(strings = {"float", "short", "char", "byte", "Float", "Short", "Character", "Byte"})
  void narrowAndFloatNumbersAreRejected(String type) {
    assertError("component c of record A has type " + (Character.isUpperCase(type.charAt(0)) ? "java.lang." : "")
            + type + ", ", type + " c",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      " + type + " c) {}",
        "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"boolean", "int", "long", "double", "Boolean", "Integer", "Long", "Double"})
  void theFourPrimitivesAndTheirBoxesAreAccepted(String type) {
    assertThat(compile(source("S",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(" + type + " c) {}",
        "  @Handles void a(A a) {}",
        "}"))).succeededWithoutWarnings();
  }

  @Test
  void arrayComponentIsNotSupported() {
    assertError("component c of record A has type long[], which is not supported; supported types",
        "long[] c",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      long[] c) {}",
        "}");
  }

  @Test
  void mapWithAWildcardValue() {
    assertError("which needs concrete type arguments (no raw types or wildcards)", "Map<String, ?> m",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(",
        "      Map<String, ?> m) {}",
        "}");
  }

  @Test
  void reservedNameIsFoundOnTheComponentThatHasIt() {
    assertError("component type of message record A maps to JSON field 'type'", "String type",
        "@Solution(\"s\") class S {",
        "  @Message(\"a\") record A(long first,",
        "      String type) {}",
        "}");
  }

  @Test
  void reservedNamesAreFineInsideNestedRecords() {
    assertThat(compile(source("S",
        "@Solution(\"s\") class S {",
        "  record Inner(String type, long msgId) {}",
        "  @Message(\"a\") record A(Inner inner) {}",
        "  @Handles void a(A a) {}",
        "}"))).succeeded();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "  @Handles void a(Missing m) {}",
      "  @Message(\"a\") record A(long v) {}  @Handles Missing a(A a) { return null; }",
      "  @Every(millis = 5) void tick(Missing m) {}",
      "  @Message(\"a\") record A(Missing m) {}",
      "  @Message(\"a\") record A(List<Missing> m) {}",
      "  @Message(\"a\") record A(long v) {}  @Handles void a(A a, List<Missing> m) {}",
  })
  void unresolvedTypesAnywhereAreLeftToJavac(String member) {
    Compilation compilation = compile(source("S", "@Solution(\"s\") class S {", member, "}"));
    assertThat(compilation).failed();
    assertThat(compilation.errors())
        .extracting(d -> d.getMessage(null))
        .allMatch(m -> m.contains("cannot find symbol"), "only javac's errors");
  }
}
