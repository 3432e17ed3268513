package glomers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The solution in the top README's "Writing a solution" compiles, as written, with the processor. */
class ReadmeExampleTest {
  private static final Path README = Path.of(System.getProperty("readme", "../README.md"));

  static String example() throws IOException {
    String readme = Files.readString(README);
    int section = readme.indexOf("## Writing a solution");
    assertThat(section).as("README.md has a 'Writing a solution' section").isNotNegative();
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(section)).as("a java block in 'Writing a solution'").isTrue();
    return block.group(1);
  }

  @Test
  void theExampleCompilesWithTheProcessor() throws IOException {
    String source = example();
    Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
    Matcher cls = Pattern.compile("^(?:final )?class (\\w+)", Pattern.MULTILINE).matcher(source);
    assertThat(pkg.find() && cls.find()).as("a package and a top-level class in:\n%s", source).isTrue();
    String name = pkg.group(1) + "." + cls.group(1);

    Compilation compilation = Compiler.javac()
        .withProcessors(new GlomersProcessor())
        .compile(JavaFileObjects.forSourceString(name, source));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile(name + "_Dispatcher");
  }
}
