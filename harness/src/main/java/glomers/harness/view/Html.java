package glomers.harness.view;

/** Escaping for the HTML and SVG writers. */
final class Html {
  private Html() {}

  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** JSON text made safe inside a {@code <script>} element: no {@code </script>} or {@code <!--} can occur. */
  static String scriptSafe(String json) {
    if (json.indexOf('<') < 0) {
      return json;
    }
    // '<' only ever occurs inside JSON strings, where \u003c means the same.
    return json.replace("<", "\\u003c");
  }

  /** {@code value} with one decimal, without {@link String#format}'s cost (thousands of calls per page). */
  static String d1(double value) {
    long tenths = Math.round(value * 10);
    String sign = tenths < 0 ? "-" : "";
    tenths = Math.abs(tenths);
    return sign + (tenths / 10) + "." + (tenths % 10);
  }

  /** Microseconds as seconds with three decimals. */
  static String seconds(long micros) {
    String sign = micros < 0 ? "-" : "";
    long ms = Math.abs(micros) / 1000;
    long frac = ms % 1000;
    return sign + (ms / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
  }

  /**
   * JSON text of a history value, cut after about {@code max} characters: a broadcast read's list of
   * thousands of values is not serialised whole to show its first 120 characters.
   */
  static String brief(Object value, int max) {
    StringBuilder out = new StringBuilder(Math.min(max + 16, 256));
    brief(value, max, out);
    return out.length() > max ? out.substring(0, max) + "…" : out.toString();
  }

  private static void brief(Object value, int max, StringBuilder out) {
    if (out.length() > max) {
      return;
    }
    if (value instanceof java.util.List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size() && out.length() <= max; i++) {
        if (i > 0) {
          out.append(',');
        }
        brief(list.get(i), max, out);
      }
      out.append(']');
    } else if (value instanceof java.util.Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
        if (out.length() > max) {
          break;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(glomers.harness.json.Json.write(String.valueOf(e.getKey()))).append(':');
        brief(e.getValue(), max, out);
      }
      out.append('}');
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append(glomers.harness.json.Json.write(value));
    }
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
