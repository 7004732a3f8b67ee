package se.krebit.webhooks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines the webhook classes log at WARN or above while it is open, rendered with their
 * arguments.
 */
final class WarnLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("se.krebit.webhooks");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  WarnLog() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream()
        .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
