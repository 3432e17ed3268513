package glomers.harness.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Enough of an EDN reader for Maelstrom's results.edn: maps, vectors, lists, sets, keywords,
 * symbols, strings, characters, integers (incl. N suffix), decimals (incl. M suffix), ratios,
 * booleans, nil, comments, {@code #_} discards and tagged values such as {@code #inst "..."} or
 * record literals (read as their underlying value).
 */
public final class Edn {
  /** A keyword such as {@code :valid?}, without the colon. */
  public record Keyword(String name) {
    @Override
    public String toString() {
      return ":" + name;
    }
  }

  /** A bare word that is not nil, true or false. */
  public record Symbol(String name) {}

  private final String text;
  private int pos;

  private Edn(String text) {
    this.text = text;
  }

  public static Object read(String text) {
    Edn reader = new Edn(text);
    Object value = reader.next();
    return value == END ? null : value;
  }

  private static final Object END = new Object();
  private static final Object CLOSE = new Object();

  private Object next() {
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        return END;
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{' -> {
          pos++;
          return readMap();
        }
        case '[', '(' -> {
          pos++;
          return readList(c == '[' ? ']' : ')');
        }
        case '}', ']', ')' -> {
          pos++;
          return CLOSE;
        }
        case '"' -> {
          return readString();
        }
        case ':' -> {
          pos++;
          return new Keyword(readToken());
        }
        case '\\' -> {
          pos++;
          String token = readCharToken();
          return token;
        }
        case '#' -> {
          pos++;
          if (pos < text.length()) {
            char d = text.charAt(pos);
            if (d == '{') {
              pos++;
              return new LinkedHashSet<>(readList('}'));
            }
            if (d == '_') {
              pos++;
              next();
              continue;
            }
            if (d == '"') {
              return readString();
            }
            if (d == '#') {
              pos++;
              String token = readToken();
              return switch (token) {
                case "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
              };
            }
          }
          readToken();
          continue;
        }
        default -> {
          return atom(readToken());
        }
      }
    }
  }

  private Map<Object, Object> readMap() {
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      Object key = next();
      if (key == CLOSE) {
        return map;
      }
      if (key == END) {
        throw error("unterminated map");
      }
      Object value = next();
      if (value == CLOSE || value == END) {
        throw error("map without a value for key " + key);
      }
      map.put(key, value);
    }
  }

  private List<Object> readList(char close) {
    List<Object> list = new ArrayList<>();
    while (true) {
      Object value = next();
      if (value == CLOSE) {
        return list;
      }
      if (value == END) {
        throw error("unterminated collection, expected " + close);
      }
      list.add(value);
    }
  }

  private String readString() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private String readCharToken() {
    int start = pos;
    pos++;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String readToken() {
    int start = pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    return text.substring(start, pos);
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ',' || "{}[]()\";".indexOf(c) >= 0;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c) || c == ',') {
        pos++;
      } else {
        return;
      }
    }
  }

  private static Object atom(String token) {
    switch (token) {
      case "nil":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        break;
    }
    char first = token.charAt(0);
    boolean numeric =
        Character.isDigit(first)
            || ((first == '-' || first == '+') && token.length() > 1 && Character.isDigit(token.charAt(1)));
    if (!numeric) {
      return new Symbol(token);
    }
    String t = token;
    if (t.endsWith("N")) {
      BigInteger big = new BigInteger(t.substring(0, t.length() - 1));
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (t.endsWith("M")) {
      return Double.parseDouble(t.substring(0, t.length() - 1));
    }
    int slash = t.indexOf('/');
    if (slash > 0) {
      return Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
    }
    if (t.contains(".") || t.contains("e") || t.contains("E")) {
      return Double.parseDouble(t);
    }
    BigInteger big = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("EDN: " + message + " at character " + pos);
  }

  /** Whether an EDN or JSON map key names {@code name} (keyword, string or number). */
  public static Object get(Object map, Object name) {
    if (!(map instanceof Map<?, ?> m)) {
      return null;
    }
    for (Map.Entry<?, ?> entry : m.entrySet()) {
      if (keyMatches(entry.getKey(), name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static boolean keyMatches(Object key, Object name) {
    if (name instanceof Number number) {
      double wanted = number.doubleValue();
      if (key instanceof Number k) {
        return k.doubleValue() == wanted;
      }
      if (key instanceof String s) {
        try {
          return Double.parseDouble(s) == wanted;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return false;
    }
    String wanted = name.toString();
    return (key instanceof Keyword k && k.name().equals(wanted)) || wanted.equals(key);
  }
}
