package glomers.harness.serve;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code maelstrom serve}: browse the store's runs and their reports, on 127.0.0.1 unless {@code
 * -b} names another address (as Maelstrom's {@code serve -b} does), with a warning then: the store
 * holds every run's history, logs and node output, and the server has no authentication.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves the store over HTTP (on 127.0.0.1 unless -b says otherwise): a list of every run (newest first)"
        + " with links to each run's report.")
public final class ServeCommand implements Callable<Integer> {
  static final String LOOPBACK = "127.0.0.1";

  @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "PORT", description = "TCP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = {"-b", "--bind"}, defaultValue = LOOPBACK, paramLabel = "ADDRESS",
      description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only); e.g. 0.0.0.0 for every interface,"
          + " which lets anyone who can reach this machine read the store.")
  String bind;

  @Option(names = "--store", defaultValue = "store", paramLabel = "DIR", description = "The store directory (default ${DEFAULT-VALUE}).")
  Path store;

  PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  @Override
  public Integer call() {
    if (!Files.isDirectory(store)) {
      out.println("No store at " + store + ": run maelstrom test first, or pass --store DIR.");
      return 254;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      out.println("Cannot bind to " + bind + ": unknown address.");
      return 254;
    }
    String warning = warning(address);
    if (warning != null) {
      out.println(warning);
    }
    try {
      StoreServer server = StoreServer.start(store, address, port);
      out.println("Serving " + store.toAbsolutePath() + " at http://" + host(address) + ":" + server.port() + "/ (Ctrl-C to stop)");
      new CountDownLatch(1).await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (java.io.IOException e) {
      out.println("Cannot serve on " + bind + ":" + port + ": " + e.getMessage());
      return 254;
    }
  }

  /** A warning for an address other machines can reach, or null for a loopback one. */
  static String warning(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return null;
    }
    return "warning: serving on " + address.getHostAddress() + ", not only on this machine: anyone who can reach it can read"
        + " the whole store (histories, logs, node output), with no password. The default, 127.0.0.1, keeps it local.";
  }

  private static String host(InetAddress address) {
    String host = address.isAnyLocalAddress() ? "<this machine's address>" : address.getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
