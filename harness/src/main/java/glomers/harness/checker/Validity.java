package glomers.harness.checker;

/** A checker's {@code :valid?}: true, false or unknown, merged as Jepsen merges them. */
public enum Validity {
  TRUE,
  FALSE,
  UNKNOWN;

  /** Any false wins; else any unknown; else true. */
  public Validity and(Validity other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    if (this == UNKNOWN || other == UNKNOWN) {
      return UNKNOWN;
    }
    return TRUE;
  }

  public static Validity of(boolean valid) {
    return valid ? TRUE : FALSE;
  }

  /** As results.json writes it: true, false or "unknown". */
  public Object json() {
    return switch (this) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case UNKNOWN -> "unknown";
    };
  }
}
