package glomers.harness.sim;

import glomers.runtime.spi.Dispatcher;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the solution a simulation runs: by name among the runtime's dispatchers on the bench's
 * classpath ({@code --solution}), or from one of this project's node launchers ({@code --bin}),
 * which name their solution and the jar it lives in.
 */
public final class Solutions {
  /** The launcher's last line: {@code -cp "$here/nodes.jar" glomers.runtime.Main echo "$@"}. */
  private static final Pattern LAUNCHER =
      Pattern.compile("-cp \"\\$here/([^\"]+)\" glomers\\.runtime\\.Main (\\S+)");

  /** One loader per jar, so many runs of one solution load its classes once. */
  private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private Solutions() {}

  /** A solution that cannot be found, with the reason to show the user. */
  public static final class NotFound extends Exception {
    NotFound(String message) {
      super(message);
    }
  }

  /** The solution named {@code name} on the bench's own classpath. */
  public static Dispatcher byName(String name) throws NotFound {
    return find(name, Solutions.class.getClassLoader(), "the bench's classpath");
  }

  /** The solution a node launcher runs, loaded from the jar the launcher names. */
  public static Dispatcher fromLauncher(Path launcher) throws NotFound {
    String script;
    try {
      script = Files.readString(launcher);
    } catch (IOException | RuntimeException e) {
      throw new NotFound("--sim cannot read --bin " + launcher + ": " + e.getMessage());
    }
    Matcher m = LAUNCHER.matcher(script);
    if (!m.find()) {
      throw new NotFound("--sim runs a solution's classes in the bench, so --bin must be one of this project's node"
          + " launchers (solutions/target/bin/*), and " + launcher + " is not; or name the solution with --solution");
    }
    // The launcher runs from the folder above its own: cd -P "$bin_dir/..".
    Path jar = launcher.toAbsolutePath().getParent().getParent().resolve(m.group(1)).normalize();
    if (!Files.isRegularFile(jar)) {
      throw new NotFound("--bin " + launcher + " runs " + jar + ", which does not exist; rebuild with make build");
    }
    ClassLoader loader = LOADERS.computeIfAbsent(jar, Solutions::loader);
    return find(m.group(2), loader, jar.toString());
  }

  private static ClassLoader loader(Path jar) {
    try {
      // The bench's own copy of the runtime comes first, so the nodes and the bench share its types.
      return new URLClassLoader(new URL[] {jar.toUri().toURL()}, Solutions.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(jar.toString(), e);
    }
  }

  private static Dispatcher find(String name, ClassLoader loader, String where) throws NotFound {
    TreeSet<String> known = new TreeSet<>();
    for (Dispatcher dispatcher : ServiceLoader.load(Dispatcher.class, loader)) {
      if (dispatcher.solution().equals(name)) {
        return dispatcher;
      }
      known.add(dispatcher.solution());
    }
    throw new NotFound("no solution '" + name + "' in " + where
        + (known.isEmpty()
            ? "; there are none there (the bench's jar holds no solutions): pass --bin solutions/target/bin/" + name
                + " to load it from the nodes' jar"
            : "; known solutions: " + String.join(", ", known)));
  }
}
