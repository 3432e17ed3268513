package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental compile sees only the changed sources; the services file must keep the
 * dispatchers an earlier compile wrote into the same output directory.
 */
class IncrementalServicesTest {
  private static void compile(Path out, Path source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      String classpath = System.getProperty("java.class.path") + java.io.File.pathSeparator + out;
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              null,
              List.of("-d", out.toString(), "-classpath", classpath, "-proc:full"),
              null,
              files.getJavaFileObjects(source));
      task.setProcessors(List.of(new GlomersProcessor()));
      assertThat(task.call()).as("compiling %s", source).isTrue();
    }
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void mergesWithTheServicesFileOfAnEarlierCompile(@TempDir Path dir) throws IOException {
    Path out = Files.createDirectories(dir.resolve("classes"));
    Path src = Files.createDirectories(dir.resolve("src"));
    compile(out, write(src, "A.java", "@glomers.annotations.Solution(\"a\") class A {}"));
    compile(out, write(src, "B.java", "@glomers.annotations.Solution(\"b\") class B {}"));
    assertThat(out.resolve(GlomersProcessor.SERVICES)).hasContent("A_Dispatcher\nB_Dispatcher");
    // Recompiling A again must not list it twice.
    compile(out, src.resolve("A.java"));
    assertThat(out.resolve(GlomersProcessor.SERVICES)).hasContent("A_Dispatcher\nB_Dispatcher");
  }

  @Test
  void dropsEntriesWhoseClassIsGone(@TempDir Path dir) throws IOException {
    Path out = Files.createDirectories(dir.resolve("classes"));
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(out.resolve("META-INF/services"));
    Files.writeString(out.resolve(GlomersProcessor.SERVICES), "Deleted_Dispatcher\n");
    compile(out, write(src, "C.java", "@glomers.annotations.Solution(\"c\") class C {}"));
    assertThat(out.resolve(GlomersProcessor.SERVICES)).hasContent("C_Dispatcher");
  }
}
