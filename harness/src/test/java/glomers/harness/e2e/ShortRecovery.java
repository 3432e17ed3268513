package glomers.harness.e2e;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class of fault-injecting runs: the wait for recovery after the main phase is 1.5 s
 * instead of 10, so each run ends sooner; the default is back after the class.
 */
final class ShortRecovery implements BeforeAllCallback, AfterAllCallback {
  private static final String RECOVERY_MS = "glomers.harness.recovery-ms";

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty(RECOVERY_MS, "1500");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty(RECOVERY_MS);
  }
}
