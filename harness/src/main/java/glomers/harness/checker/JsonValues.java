package glomers.harness.checker;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Equality and ordering of JSON-like values as Maelstrom's Clojure checkers see them.
 *
 * <p>Equality is strict JSON equality: {@code 1}, {@code 1.0} and {@code "1"} are three different
 * values, but a parser's choice of Integer, Long or BigInteger for the same integer must not matter,
 * so values are first brought to a canonical form.
 */
public final class JsonValues {
  private JsonValues() {}

  /** Integers as Long (BigInteger only beyond long range), fractions as Double, containers deep. */
  public static Object canonical(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(canonical(element));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, canonical(v)));
      return out;
    }
    return value;
  }

  public static boolean isInteger(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  /**
   * Clojure's {@code compare} restricted to JSON data: null sorts first, numbers compare by value
   * across integer and fraction, strings and booleans among themselves, arrays by length and then
   * element-wise. Anything else (objects, or two different kinds) is incomparable and throws, as
   * {@code compare} does, which makes the calling checker's verdict unknown.
   */
  public static final Comparator<Object> ORDER = JsonValues::compare;

  public static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.compareTo(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return Integer.compare(x.size(), y.size());
      }
      for (int i = 0; i < x.size(); i++) {
        int c = compare(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    throw new IllegalArgumentException(
        "Values are not mutually comparable: " + a + " (" + kind(a) + ") and " + b + " (" + kind(b) + ")");
  }

  private static int compareNumbers(Number x, Number y) {
    if (isInteger(x) && isInteger(y)) {
      return toBigInteger(x).compareTo(toBigInteger(y));
    }
    double dx = x.doubleValue();
    double dy = y.doubleValue();
    if (Double.isNaN(dx) || Double.isNaN(dy) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
      return Double.compare(dx, dy);
    }
    return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
  }

  private static BigInteger toBigInteger(Number n) {
    return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
  }

  private static String kind(Object v) {
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Map) {
      return "object";
    }
    return v.getClass().getSimpleName();
  }
}
