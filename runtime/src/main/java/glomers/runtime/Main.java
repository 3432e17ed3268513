package glomers.runtime;

import glomers.runtime.internal.Nodes;
import glomers.runtime.spi.Dispatcher;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * {@code java -cp nodes.jar glomers.runtime.Main <solution>} runs one node on stdin/stdout until
 * stdin closes; {@code --list} names the solutions on the classpath.
 */
public final class Main {
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, new FileInputStream(FileDescriptor.in),
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Everything main does, with its streams passed in; returns the exit status. */
  static int run(String[] args, InputStream in, OutputStream out, PrintStream console, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      err.println("usage: glomers.runtime.Main <solution> | --list");
      return USAGE;
    }
    if (args[0].equals("--list")) {
      for (String name : dispatchers().keySet()) {
        console.println(name);
      }
      console.flush();
      return 0;
    }
    Dispatcher dispatcher = find(args[0]);
    if (dispatcher == null) {
      List<String> known = new ArrayList<>(dispatchers().keySet());
      err.println("unknown solution '" + args[0] + "'; known solutions: "
          + (known.isEmpty() ? "(none on the classpath)" : String.join(", ", known)));
      return USAGE;
    }
    runNode(dispatcher, in, out, err);
    return 0;
  }

  /** Runs a node on the calling thread until {@code in} is exhausted. */
  static void runNode(Dispatcher dispatcher, InputStream in, OutputStream out, PrintStream err) {
    Nodes.runStdio(dispatcher, in, out, err, new StderrLog(err));
  }

  private static Dispatcher find(String solution) {
    // Stops at the first match so a node loads only its own solution's classes, not every one.
    for (Dispatcher dispatcher : ServiceLoader.load(Dispatcher.class)) {
      if (dispatcher.solution().equals(solution)) {
        return dispatcher;
      }
    }
    return null;
  }

  private static TreeMap<String, Dispatcher> dispatchers() {
    TreeMap<String, Dispatcher> byName = new TreeMap<>();
    for (Dispatcher dispatcher : ServiceLoader.load(Dispatcher.class)) {
      byName.put(dispatcher.solution(), dispatcher);
    }
    return byName;
  }

  private static final class StderrLog implements java.util.function.Consumer<String> {
    private final PrintStream err;

    StderrLog(PrintStream err) {
      this.err = err;
    }

    @Override
    public void accept(String line) {
      err.println(line);
    }
  }
}
