package glomers.harness.serve;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maelstrom serve}: browse the store's runs and their reports, on 127.0.0.1 only. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves the store over HTTP on 127.0.0.1: a list of every run (newest first) with links to each run's report.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "PORT", description = "TCP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--store", defaultValue = "store", paramLabel = "DIR", description = "The store directory (default ${DEFAULT-VALUE}).")
  Path store;

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (!Files.isDirectory(store)) {
      out.println("No store at " + store + ": run maelstrom test first, or pass --store DIR.");
      return 254;
    }
    try {
      StoreServer server = StoreServer.start(store, port);
      out.println("Serving " + store.toAbsolutePath() + " at http://127.0.0.1:" + server.port() + "/ (Ctrl-C to stop)");
      new CountDownLatch(1).await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (java.io.IOException e) {
      out.println("Cannot serve on 127.0.0.1:" + port + ": " + e.getMessage());
      return 254;
    }
  }
}
