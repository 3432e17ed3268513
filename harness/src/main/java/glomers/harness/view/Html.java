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

  /** JSON text made safe inside a {@code <script>} element. */
  static String scriptSafe(String json) {
    return json.replace("</", "<\\/").replace("<!--", "<\\!--");
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

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
