package glomers.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares generated files with the golden files of one test case, or rewrites them when the
 * system property {@code golden.update} is true.
 */
final class Golden {
  private final Path dir;
  private final boolean update;

  Golden(Path dir, boolean update) {
    this.dir = dir;
    this.update = update;
  }

  static Golden forCase(String testCase) {
    Path root = Path.of(System.getProperty("golden.dir", "src/test/resources/golden"));
    return new Golden(root.resolve(testCase), Boolean.getBoolean("golden.update"));
  }

  /**
   * @param actual generated files by path relative to the case's golden directory
   * @throws AssertionError listing missing, unexpected and differing files
   */
  void check(Map<String, String> actual) throws IOException {
    if (update) {
      rewrite(actual);
      return;
    }
    TreeSet<String> expectedNames = new TreeSet<>(list());
    List<String> failures = new ArrayList<>();
    for (String name : new TreeSet<>(actual.keySet())) {
      if (!expectedNames.remove(name)) {
        failures.add("golden file missing: " + dir.resolve(name) + " (generated, never approved)");
        continue;
      }
      String expected = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
      String diff = diff(expected, actual.get(name));
      if (diff != null) {
        failures.add(dir.resolve(name) + " differs from the generated file:\n" + diff);
      }
    }
    for (String stale : expectedNames) {
      failures.add("golden file " + dir.resolve(stale) + " is no longer generated");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          String.join("\n\n", failures)
              + "\n\nIf the new output is right, run: mvn test -pl processor -Dgolden.update=true");
    }
  }

  private void rewrite(Map<String, String> actual) throws IOException {
    for (String stale : list()) {
      if (!actual.containsKey(stale)) {
        Files.delete(dir.resolve(stale));
      }
    }
    for (Map.Entry<String, String> file : actual.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private List<String> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .toList();
    }
  }

  /** A line diff around the first difference, or null if equal. */
  static String diff(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    int first = 0;
    while (first < want.size() && first < got.size() && want.get(first).equals(got.get(first))) {
      first++;
    }
    // Match from the end too, so an inserted or removed block shows as just that block.
    int wantEnd = want.size();
    int gotEnd = got.size();
    while (wantEnd > first && gotEnd > first && want.get(wantEnd - 1).equals(got.get(gotEnd - 1))) {
      wantEnd--;
      gotEnd--;
    }
    StringBuilder out = new StringBuilder();
    out.append("@@ line ").append(first + 1).append(" @@\n");
    for (int i = Math.max(0, first - 3); i < first; i++) {
      out.append("  ").append(want.get(i)).append('\n');
    }
    for (int i = first; i < wantEnd; i++) {
      out.append("- ").append(want.get(i)).append('\n');
    }
    for (int i = first; i < gotEnd; i++) {
      out.append("+ ").append(got.get(i)).append('\n');
    }
    for (int i = wantEnd; i < Math.min(want.size(), wantEnd + 3); i++) {
      out.append("  ").append(want.get(i)).append('\n');
    }
    if (first == wantEnd && first == gotEnd) {
      out.append("(only line endings or the final newline differ)\n");
    }
    return out.toString();
  }
}
