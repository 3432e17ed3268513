package sample.types;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.RawJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every supported component type, for the codec golden files and round-trip tests. */
@Solution("types")
public final class Types {
  @Message("all")
  public record All(
      boolean flag,
      int count,
      long total,
      double ratio,
      Boolean maybeFlag,
      Integer maybeCount,
      Long maybeTotal,
      Double maybeRatio,
      String name,
      RawJson payload,
      List<Long> ids,
      Set<String> tags,
      Map<String, Integer> counts,
      Map<String, List<List<Long>>> nestedGenerics,
      List<RawJson> raws,
      Point origin,
      List<Point> path,
      Map<String, Point> pointsByName,
      Set<Set<String>> groups) {}

  /** No @Message: used only inside other records, so its codec has no wire type. */
  public record Point(int x, int y, Label label) {}

  public record Label(String text, List<Label> children) {}

  @Message("all_ok")
  public record AllOk(All echoed) {}

  public Types() {}

  @Handles("all")
  AllOk all(All all) {
    return new AllOk(all);
  }
}
