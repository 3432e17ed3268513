package glomers.harness.checker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checker's result that explains what it found in words: one text file per anomaly type (or per
 * failing key) in a folder of the run's store folder, and a few lines for the console.
 */
public interface Explained {
  /** The folder in the run's store folder: {@code elle}, {@code kafka}, {@code linearizability}. */
  String folder();

  /** File name (without {@code .txt}) to its text, in the order to read them; empty when nothing was found. */
  Map<String, String> texts();

  /** The console summary's lines (indented by two), naming files in {@code folder}, the folder written. */
  List<String> summary(Path folder);

  /** The first problem in one line (a seed search lists one per failing seed), or null if there is none. */
  String firstProblem();
}
