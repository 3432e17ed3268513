package glomers.solutions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Solutions use the runtime's API only: {@code glomers.runtime} and {@code glomers.runtime.kv}.
 * The SPI ({@code glomers.runtime.spi}) is for generated code, {@code glomers.runtime.internal} is
 * the node itself and {@code glomers.runtime.testing} is for tests. The nodes run from one shaded
 * jar on the classpath, where module exports do not apply, so this test is what holds the line
 * (docs/architecture.md).
 */
class ApiBoundaryTest {
  private static final Pattern RUNTIME_PACKAGE =
      Pattern.compile("\\bglomers\\.runtime((?:\\.[a-z]\\w*)*)\\.[A-Z*]");

  @Test
  void solutionsUseOnlyTheRuntimesApiPackages() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = RUNTIME_PACKAGE.matcher(lines.get(i));
          while (m.find()) {
            String subpackage = m.group(1);
            if (!subpackage.isEmpty() && !subpackage.equals(".kv")) {
              violations.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertThat(violations).as("solution sources reaching past the runtime's API").isEmpty();
  }

  @Test
  void thePatternSeesWhatItMustRefuse() {
    assertThat(RUNTIME_PACKAGE.matcher("import glomers.runtime.internal.MaelstromNode;").find()).isTrue();
    Matcher api = RUNTIME_PACKAGE.matcher("import glomers.runtime.Node;");
    assertThat(api.find()).isTrue();
    assertThat(api.group(1)).isEmpty();
  }
}
