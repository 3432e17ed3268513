package glomers.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's layer order is the table under "Layers" in docs/architecture.md: a package of {@code
 * glomers.harness} may use the packages of lower layers only, never one of its own layer or above.
 * This test reads that table, so the document and the rule cannot drift apart, and fails on any
 * import or fully qualified name in harness/src/main that breaks it, or on a package in no layer.
 */
class LayersTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path ARCHITECTURE = Path.of("../docs/architecture.md");
  // glomers.harness.<package>.…, or glomers.harness.<Class> for the top package.
  private static final Pattern REFERENCE = Pattern.compile("\\bglomers\\.harness\\.(\\w+)");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|([^|]*)\\|");
  private static final Pattern CODE = Pattern.compile("`([\\w.]+)`");
  private static final String TOP = "glomers.harness";

  @Test
  void noImportRunsSidewaysOrUpTheLayers() throws IOException {
    assertThat(violations(SOURCES, layers(ARCHITECTURE))).as("imports against the layer order").isEmpty();
  }

  @Test
  void workloadsSeeOnlyTheirOptionsView() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("glomers/harness/workload"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (Pattern.compile("\\bTestOptions\\b").matcher(code(Files.readString(file))).find()) {
          found.add(file.toString());
        }
      }
    }
    assertThat(found).as("workload sources naming TestOptions instead of WorkloadOptions").isEmpty();
  }

  @Test
  void theTableIsReadFromTopToGround() throws IOException {
    List<List<String>> layers = layers(ARCHITECTURE);
    assertThat(layers.getFirst()).contains("");
    assertThat(layers.getLast()).contains("options", "log", "json", "abort");
    assertThat(layers.stream().flatMap(List::stream)).contains("run", "workload", "net").doesNotHaveDuplicates();
  }

  /** The check must be able to fail: plant imports that run up and sideways, and some that must pass. */
  @Test
  void plantedBackImportsAreCaught(@TempDir Path dir) throws IOException {
    List<List<String>> layers = List.of(List.of(""), List.of("run"), List.of("workload", "sim"), List.of("net"));
    write(dir, "glomers/harness/Maelstrom.java", "package glomers.harness;\nimport glomers.harness.run.TestRun;\n");
    write(dir, "glomers/harness/run/TestRun.java", "package glomers.harness.run;\nimport glomers.harness.net.Network;\n");
    write(dir, "glomers/harness/net/Network.java", """
        package glomers.harness.net;

        import glomers.harness.run.TestRun;
        // glomers.harness.Maelstrom in a comment is no dependency,
        /* nor in a block comment: glomers.harness.sim.Scheduler */
        class Network {
          String name = "glomers.harness.Maelstrom";
          char quote = '"';
          Object back = glomers.harness.Maelstrom.EXIT_USAGE;
        }
        """);
    write(dir, "glomers/harness/workload/Workload.java",
        "package glomers.harness.workload;\nimport static glomers.harness.sim.Scheduler.now;\n");
    write(dir, "glomers/harness/stray/Stray.java", "package glomers.harness.stray;\n");

    assertThat(violations(dir, layers))
        .containsExactly(
            "glomers/harness/net/Network.java:3: net (layer 4) -> run (layer 2)",
            "glomers/harness/net/Network.java:9: net (layer 4) -> glomers.harness (layer 1)",
            "glomers/harness/stray: package stray is in no layer of docs/architecture.md",
            "glomers/harness/workload/Workload.java:2: workload (layer 3) -> sim (layer 3)");
  }

  private static void write(Path root, String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  /**
   * The layers top first, each a list of packages relative to {@code glomers.harness} ("" for the
   * top package itself), from the rows {@code | n | `pkg`, `pkg` | …} of the "Layers" section.
   */
  static List<List<String>> layers(Path markdown) throws IOException {
    List<List<String>> layers = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(markdown)) {
      if (line.startsWith("#")) {
        inSection = line.matches("#+ Layers");
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (inSection && row.find()) {
        List<String> packages = new ArrayList<>();
        Matcher code = CODE.matcher(row.group(2));
        while (code.find()) {
          packages.add(code.group(1).equals(TOP) ? "" : code.group(1));
        }
        assertThat(Integer.parseInt(row.group(1))).as("layer numbers in order").isEqualTo(layers.size() + 1);
        layers.add(packages);
      }
    }
    assertThat(layers).as("layer rows in docs/architecture.md").isNotEmpty();
    return layers;
  }

  /** Every reference from one package to another that is not to a lower layer, as {@code file:line: …}. */
  static List<String> violations(Path sources, List<List<String>> layers) throws IOException {
    Map<String, Integer> layerOf = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      for (String pkg : layers.get(i)) {
        layerOf.put(pkg, i + 1);
      }
    }
    Path top = sources.resolve("glomers/harness");
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(top)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = top.relativize(file);
        String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
        if (!layerOf.containsKey(from)) {
          found.add("glomers/harness/" + from + ": package " + from + " is in no layer of docs/architecture.md");
          continue;
        }
        String[] lines = code(Files.readString(file)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].startsWith("package ")) {
            continue;
          }
          Matcher m = REFERENCE.matcher(lines[i]);
          while (m.find()) {
            String to = Character.isUpperCase(m.group(1).charAt(0)) ? "" : m.group(1);
            Integer toLayer = layerOf.get(to);
            if (!to.equals(from) && (toLayer == null || toLayer <= layerOf.get(from))) {
              found.add(sources.relativize(file) + ":" + (i + 1) + ": " + name(from) + " (layer " + layerOf.get(from)
                  + ") -> " + name(to) + " (layer " + (toLayer == null ? "none" : toLayer) + ")");
            }
          }
        }
      }
    }
    return List.copyOf(found);
  }

  private static String name(String pkg) {
    return pkg.isEmpty() ? TOP : pkg;
  }

  /** Java source with comments blanked and string and char literals emptied, line breaks kept. */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        out.append("\"\"");
        source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(c).append(c);
        i = Math.min(j + 1, n);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
