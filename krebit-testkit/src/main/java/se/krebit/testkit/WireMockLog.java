package se.krebit.testkit;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends WireMock's own messages to SLF4J instead of its console notifier. */
final class WireMockLog implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("se.krebit.testkit.wiremock");

  @Override
  public void info(String message) {
    LOG.debug("{}", message);
  }

  @Override
  public void error(String message) {
    LOG.warn("{}", message);
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.warn("{}", message, t);
  }
}
