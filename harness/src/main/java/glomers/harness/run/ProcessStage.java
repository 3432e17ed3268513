package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.nemesis.NodeControl;
import glomers.harness.options.TestOptions;
import glomers.harness.net.ClientConnection;
import glomers.harness.net.Network;
import glomers.harness.process.NodeProcess;
import glomers.harness.service.ServiceHost;
import glomers.harness.net.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A process run's stage: the nodes are child processes, time is {@link System#nanoTime()}, each
 * task is a virtual thread, and every wait also watches the {@link Abort}, so a crash anywhere ends
 * the lifecycle within a moment.
 */
final class ProcessStage implements Stage {
  /** How long a wait goes without looking at the abort. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Abort abort;
  private final Map<String, NodeProcess> nodes = new ConcurrentHashMap<>();
  private TestOptions options;
  private Network network;
  private Path logDir;
  private ServiceHost services;
  /** When the run opened, for the times in the nemesis's lines in node logs. */
  private long opened;

  ProcessStage(Abort abort) {
    this.abort = abort;
  }

  @Override
  public long now() {
    return System.nanoTime();
  }

  @Override
  public boolean sleepUntil(long time) throws Abort.AbortedException, InterruptedException {
    abort.sleepUntil(time);
    return !abort.isStopped();
  }

  @Override
  public Task spawn(String name, Body body) {
    Thread thread = Thread.ofVirtual().name(name).start(() -> runTask(name, body));
    return thread::join;
  }

  private void runTask(String name, Body body) {
    try {
      body.run();
    } catch (Abort.AbortedException e) {
      // The lifecycle reports the abort.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      abort.raise(name + " failed: " + e);
    }
  }

  @Override
  public <T> void runAll(List<T> items, Function<T, String> name, Step<T> body)
      throws Abort.AbortedException, InterruptedException {
    CountDownLatch done = new CountDownLatch(items.size());
    for (T item : items) {
      spawn(name.apply(item), () -> {
        try {
          body.run(item);
        } finally {
          done.countDown();
        }
      });
    }
    while (!done.await(50, TimeUnit.MILLISECONDS)) {
      abort.check();
    }
    abort.check();
  }

  @Override
  public Gate gate() {
    ReentrantLock lock = new ReentrantLock();
    Condition changed = lock.newCondition();
    return new Gate() {
      @Override
      public boolean awaitUntil(BooleanSupplier ready, long deadline)
          throws Abort.AbortedException, InterruptedException {
        lock.lock();
        try {
          while (!ready.getAsBoolean()) {
            abort.check();
            long left = deadline == Long.MAX_VALUE ? POLL_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
              return false;
            }
            changed.awaitNanos(Math.min(left, POLL_NANOS));
          }
          return true;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void change(Runnable change) {
        lock.lock();
        try {
          change.run();
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    };
  }

  @Override
  public void startNode(String id) throws IOException {
    NodeProcess node = NodeProcess.start(id, options.bin(), options.nodeArgs(), network,
        logDir.resolve(id + ".log"), options.logStderr(), abort::raise, abort::isStopped);
    nodes.put(id, node);
  }

  @Override
  public NodeControl nodeControl(Duration initTimeout) {
    long opened = this.opened;
    return new ProcessNodeControl(nodes, network, options.nodes(), initTimeout, () -> System.nanoTime() - opened);
  }

  @Override
  public Connection connect(String node) {
    return ClientConnection.open(network, node);
  }

  @Override
  public String nodeReport(String id) {
    NodeProcess node = nodes.get(id);
    return node == null ? "" : node.stderrReport();
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String intro() {
    return null;
  }

  @Override
  public void open(TestOptions options, Network network, Randoms randoms, Path dir) {
    this.opened = System.nanoTime();
    this.options = options;
    this.network = network;
    this.logDir = dir.resolve("node-logs");
    services = new ServiceHost(network, ServiceHost.standard(randoms.services(), options.seqKvStaleness()));
  }

  @Override
  public String play(Body lifecycle, Supplier<String> phase) throws Exception {
    try {
      lifecycle.run();
      checkNodesAlive();
      return null;
    } catch (Abort.AbortedException e) {
      return e.getMessage();
    }
  }

  /** Maelstrom notices at teardown a node that is already dead: that is a crash. */
  private void checkNodesAlive() throws Abort.AbortedException {
    for (NodeProcess node : nodes.values()) {
      // A Ctrl-C reaches the nodes too (one process group): a stopped run does not call that a crash.
      // A node the nemesis killed stays dead when no final phase starts it again, as in Maelstrom.
      if (!abort.isStopped() && !node.isAlive() && !node.killedByNemesis()) {
        abort.raise("node " + node.id() + " crashed before teardown" + node.stderrReport());
      }
      node.stopping();
    }
    abort.check();
  }

  @Override
  public void close() {
    nodes.values().forEach(NodeProcess::stopping);
    nodes.values().parallelStream().forEach(NodeProcess::kill);
    if (services != null) {
      services.close();
    }
  }
}
