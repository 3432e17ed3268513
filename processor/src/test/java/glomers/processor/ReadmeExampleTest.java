package glomers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every java block of the top README compiles, as written, with the processor: each block is a
 * whole compilation unit (package, imports, one top-level class), compiled on its own, so the
 * examples cannot lean on each other. A block with a {@code @Solution} must also get its
 * dispatcher. Their packages are {@code glomers.solutions.<example>} so that a reader can drop
 * them into {@code solutions/} beside the real ones; none may be a real solution's package but
 * echo's, which the README shows whole.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of(System.getProperty("readme", "../README.md"));
  private static final Pattern BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern CLASS =
      Pattern.compile("^(?:public )?(?:final )?(?:class|record|interface) (\\w+)", Pattern.MULTILINE);

  static List<String> blocks() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme).as("README.md has a 'Writing a solution' section").contains("## Writing a solution");
    List<String> blocks = new ArrayList<>();
    for (Matcher block = BLOCK.matcher(readme); block.find(); ) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  @Test
  void writingASolutionShowsEchoGossipAndAKvExample() throws IOException {
    List<String> blocks = blocks();
    assertThat(blocks).anySatisfy(b -> assertThat(b).contains("@Solution(\"echo\")"));
    assertThat(blocks).anySatisfy(b -> assertThat(b).contains("@Every(", "node.send(", "node.peers()"));
    assertThat(blocks).anySatisfy(b -> assertThat(b).contains("Kv.seq(", "JsonType.", "compareAndSet("));
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompilesWithTheProcessor() throws IOException {
    List<String> blocks = blocks();
    assertThat(blocks).as("java blocks in README.md").isNotEmpty();
    return blocks.stream().map(source -> DynamicTest.dynamicTest(name(source), () -> compiles(source)));
  }

  /** A broken block must fail this test, not pass unnoticed. */
  @Test
  void aBlockThatDoesNotCompileFails() {
    String broken = """
        package glomers.solutions.broken;

        import glomers.annotations.Handles;
        import glomers.annotations.Message;
        import glomers.annotations.Solution;

        @Solution("broken")
        final class Broken {
          @Message("a") record A(float f) {}

          @Handles
          void a(A a) {}
        }
        """;
    assertThatThrownBy(() -> compiles(broken))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("component f of record A has type float");
    assertThatThrownBy(() -> compiles(broken.replace("float f", "long f").replace("void a(", "void a(Missing m, ")))
        .isInstanceOf(AssertionError.class);
  }

  private static String name(String source) {
    Matcher pkg = PACKAGE.matcher(source);
    Matcher cls = CLASS.matcher(source);
    assertThat(pkg.find() && cls.find())
        .as("a java block of README.md is a whole compilation unit, with a package and a top-level"
            + " type:\n%s", source)
        .isTrue();
    return pkg.group(1) + "." + cls.group(1);
  }

  private static void compiles(String source) {
    String name = name(source);
    if (!name.equals("glomers.solutions.echo.Echo")) {
      assertThat(Path.of("../solutions/src/main/java", name.substring(0, name.lastIndexOf('.')).split("\\.")))
          .as("%s is an example, so its package must not be a real solution's", name)
          .doesNotExist();
    }
    Compilation compilation = Compiler.javac()
        .withProcessors(new GlomersProcessor())
        .compile(JavaFileObjects.forSourceString(name, source));

    assertThat(compilation).succeededWithoutWarnings();
    if (source.contains("@Solution(")) {
      assertThat(compilation).generatedSourceFile(name + "_Dispatcher");
    }
  }
}
