package glomers.harness.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for {@code maelstrom test}'s numeric flags, in the forms Maelstrom's parsers
 * accept. A refused value stops the parse; picocli prefixes the message with the flag ({@code
 * Invalid value for option '--latency': '-1' must not be negative}) and the bench exits 254.
 */
final class FlagConverters {
  private FlagConverters() {}

  /** A whole number 1 .. 2^31-1: counts and seconds. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long value = whole(text);
      if (value <= 0) {
        throw new TypeConversionException("'" + text + "' must be positive");
      }
      return fitting(text, value);
    }
  }

  /** A whole number 0 .. 2^31-1: milliseconds of latency. */
  static final class NonNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long value = whole(text);
      if (value < 0) {
        throw new TypeConversionException("'" + text + "' must not be negative");
      }
      return fitting(text, value);
    }
  }

  /** Any 64-bit integer: the seed. */
  static final class AnyLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a 64-bit integer");
      }
    }
  }

  /** A finite decimal 0 or more: the request rate, where 0 means no requests. */
  static final class NonNegativeNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      double value = decimal(text, text.trim());
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new TypeConversionException("'" + text + "' must be a number, 0 or more");
      }
      return value;
    }
  }

  /** A finite number above 0, as Clojure reads one: an integer, a decimal or a ratio like 1/2. */
  static final class PositiveNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      double value = slash > 0 ? decimal(text, t.substring(0, slash)) / decimal(text, t.substring(slash + 1)) : decimal(text, t);
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new TypeConversionException("'" + text + "' must be positive");
      }
      return value;
    }
  }

  /** {@code total}, or the least fraction of ok requests, 0 to 1; kept as given. */
  static final class Availability implements ITypeConverter<String> {
    @Override
    public String convert(String text) {
      if (!"total".equals(text)) {
        double value;
        try {
          value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          value = Double.NaN;
        }
        if (!(value >= 0 && value <= 1)) {
          throw new TypeConversionException("'" + text + "' must be total or a number between 0 and 1");
        }
      }
      return text;
    }
  }

  /** {@code --concurrency}: a number of workers, or with {@code n} a multiple of the node count. */
  record Concurrency(int count, boolean perNode) {
    /** Above this many workers the bench refuses to start: each is a thread and a connection. */
    static final int MAX_WORKERS = 100_000;

    /** The workers for {@code nodes} nodes, or -1 if that is more than {@link #MAX_WORKERS}. */
    int workers(int nodes) {
      long workers = perNode ? (long) count * nodes : count;
      return workers > MAX_WORKERS ? -1 : (int) workers;
    }

    /** The flag's value, as it was given. */
    String text() {
      return count + (perNode ? "n" : "");
    }
  }

  static final class ConcurrencyConverter implements ITypeConverter<Concurrency> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(n?)");

    @Override
    public Concurrency convert(String text) {
      Matcher m = FORM.matcher(text);
      if (!m.matches()) {
        throw new TypeConversionException("'" + text + "' must be an integer, optionally followed by n");
      }
      // More digits than any allowed count: too large, whatever the node count.
      if (m.group(1).length() > 6 || Integer.parseInt(m.group(1)) > Concurrency.MAX_WORKERS) {
        throw new TypeConversionException("'" + text + "' is too large (at most " + Concurrency.MAX_WORKERS + " workers)");
      }
      return new Concurrency(Integer.parseInt(m.group(1)), !m.group(2).isEmpty());
    }
  }

  private static long whole(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      boolean digits = text.trim().matches("[-+]?\\d+");
      throw new TypeConversionException("'" + text + "' " + (digits ? "is too large" : "is not a whole number"));
    }
  }

  private static int fitting(String text, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new TypeConversionException("'" + text + "' is too large (at most " + Integer.MAX_VALUE + ")");
    }
    return (int) value;
  }

  private static double decimal(String text, String part) {
    try {
      return Double.parseDouble(part);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a number");
    }
  }
}
