package glomers.runtime;

/**
 * Any JSON value kept as its text, so it can be echoed back verbatim (echo's payload, a KV value of
 * unknown shape). Usable as a record component type; codecs copy it in and out unchanged. The text
 * is not checked: {@code new RawJson("[1,2]")} must be valid JSON for the message to be.
 */
public record RawJson(String text) {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** A JSON integer. */
  public static RawJson of(long value) {
    return new RawJson(Long.toString(value));
  }

  /** A JSON string holding {@code value}, escaped as the codecs write strings. */
  public static RawJson ofString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return new RawJson(out.append('"').toString());
  }

  @Override
  public String toString() {
    return text;
  }
}
