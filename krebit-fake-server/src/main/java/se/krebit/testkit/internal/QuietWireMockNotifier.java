package se.krebit.testkit.internal;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's notifier for the test kit's fakes: WireMock's own messages dump whole requests and
 * responses, secrets and tokens included, so they are dropped; errors are reported by kind only.
 * The fakes log one safe line per request themselves.
 */
public final class QuietWireMockNotifier implements Notifier {
  private final Logger log;

  /**
   * @param loggerName where WireMock's errors are reported
   */
  public QuietWireMockNotifier(String loggerName) {
    this.log = LoggerFactory.getLogger(loggerName);
  }

  @Override
  public void info(String message) {
    // WireMock's info messages describe requests in full.
  }

  @Override
  public void error(String message) {
    log.warn("WireMock reported an error");
  }

  @Override
  public void error(String message, Throwable t) {
    log.warn("WireMock reported an error: {}", t.getClass().getName());
  }
}
