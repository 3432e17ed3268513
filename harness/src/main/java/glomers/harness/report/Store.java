package glomers.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** {@code store/<workload>/<timestamp>/} and its {@code latest}/{@code current} symlinks. */
public final class Store {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSZ");

  private Store() {}

  public static Path create(Path root, String workload) throws IOException {
    Path workloadDir = root.resolve(workload);
    Files.createDirectories(workloadDir);
    Path dir;
    // Two runs in the same millisecond (--test-count) must not share a directory.
    do {
      dir = workloadDir.resolve(ZonedDateTime.now().format(STAMP));
    } while (Files.exists(dir) && sleepAMillisecond());
    Files.createDirectories(dir);
    Files.createDirectories(dir.resolve("node-logs"));
    link(root.resolve("latest"), root.relativize(dir));
    link(root.resolve("current"), root.relativize(dir));
    link(workloadDir.resolve("latest"), workloadDir.relativize(dir));
    return dir;
  }

  private static boolean sleepAMillisecond() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  private static void link(Path link, Path target) throws IOException {
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException e) {
      // A filesystem without symlinks still gets the run itself.
    }
  }
}
