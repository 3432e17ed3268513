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

  /** Points the {@code latest} links back at {@code dir}, e.g. after a seed search deleted the runs made since. */
  public static void markLatest(Path root, Path dir) throws IOException {
    Path workloadDir = dir.getParent();
    link(root.resolve("latest"), root.relativize(dir));
    link(root.resolve("current"), root.relativize(dir));
    link(workloadDir.resolve("latest"), workloadDir.relativize(dir));
  }

  /** Removes {@code latest} and {@code current} links whose run was deleted since. */
  public static void dropDanglingLinks(Path root, String workload) throws IOException {
    for (Path link : new Path[] {root.resolve("latest"), root.resolve("current"), root.resolve(workload).resolve("latest")}) {
      if (Files.isSymbolicLink(link) && !Files.exists(link)) {
        Files.delete(link);
      }
    }
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
