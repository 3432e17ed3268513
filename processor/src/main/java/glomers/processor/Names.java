package glomers.processor;

import com.palantir.javapoet.ClassName;

/** Naming rules shared by the generators and the runtime's expectations. */
final class Names {
  private Names() {}

  /** {@code Broadcast.Add} becomes {@code Broadcast_Add_Codec}, in the record's package. */
  static ClassName codecName(ClassName record) {
    return ClassName.get(record.packageName(), String.join("_", record.simpleNames()) + "_Codec");
  }

  /** {@code Outer.Inner} becomes {@code Outer_Inner_Dispatcher}, in the solution's package. */
  static ClassName dispatcherName(ClassName solution) {
    return ClassName.get(
        solution.packageName(), String.join("_", solution.simpleNames()) + "_Dispatcher");
  }

  /** camelCase to snake_case: {@code nodeIds} is {@code node_ids}, {@code HTTPCode} is {@code http_code}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
        boolean endsAcronym =
            i > 0
                && Character.isUpperCase(name.charAt(i - 1))
                && i + 1 < name.length()
                && Character.isLowerCase(name.charAt(i + 1));
        if ((afterLower && name.charAt(i - 1) != '_') || endsAcronym) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A constant's name for a component: {@code nestedGenerics} is {@code NESTED_GENERICS}. */
  static String constantCase(String name) {
    return snakeCase(name).toUpperCase(java.util.Locale.ROOT);
  }
}
