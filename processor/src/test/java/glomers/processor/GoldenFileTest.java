package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snapshot tests: the generated sources of each sample, compared with approved golden files. */
class GoldenFileTest {
  @ParameterizedTest
  @ValueSource(strings = {"echo", "broadcast", "codec-types", "nested-naming"})
  void generatedSourcesMatchGoldenFiles(String sampleCase) throws IOException {
    Compilation compilation = Samples.compileOk(sampleCase);
    Golden.forCase(sampleCase).check(generated(compilation));
  }

  static Map<String, String> generated(Compilation compilation) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject source : compilation.generatedSourceFiles()) {
      String path = source.toUri().getPath();
      files.put(path.substring(path.lastIndexOf('/') + 1), source.getCharContent(true).toString());
    }
    JavaFileObject services =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, GlomersProcessor.SERVICES)
            .orElseThrow(() -> new AssertionError("no " + GlomersProcessor.SERVICES));
    files.put(GlomersProcessor.SERVICES, services.getCharContent(true).toString());
    return files;
  }

  @Test
  void differingOutputFailsWithADiff(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A.java"), "class A {\n  int x;\n}\n");
    Golden golden = new Golden(dir, false);
    assertThatThrownBy(() -> golden.check(Map.of("A.java", "class A {\n  long x;\n}\n")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("@@ line 2 @@")
        .hasMessageContaining("-   int x;")
        .hasMessageContaining("+   long x;")
        .hasMessageContaining("-Dgolden.update=true");
  }

  @Test
  void missingGoldenFileFails(@TempDir Path dir) {
    Golden golden = new Golden(dir, false);
    assertThatThrownBy(() -> golden.check(Map.of("B.java", "class B {}\n")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("golden file missing")
        .hasMessageContaining("B.java");
  }

  @Test
  void staleGoldenFileFails(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Old.java"), "class Old {}\n");
    Golden golden = new Golden(dir, false);
    assertThatThrownBy(() -> golden.check(Map.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no longer generated");
  }

  @Test
  void updateRewritesAndRemovesStaleFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Old.java"), "class Old {}\n");
    new Golden(dir, true).check(Map.of("sub/New.java", "class New {}\n"));
    assertThat(dir.resolve("Old.java")).doesNotExist();
    assertThat(dir.resolve("sub/New.java")).hasContent("class New {}");
    new Golden(dir, false).check(Map.of("sub/New.java", "class New {}\n"));
  }
}
