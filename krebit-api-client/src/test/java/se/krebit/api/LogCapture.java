package se.krebit.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event at TRACE, from every logger, until closed; then restores the levels and
 * the root's own appenders, which are detached meanwhile so that TRACE does not flood the console.
 */
final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing(); // the MDC as it is now, not when a test reads it
          super.append(event);
        }
      };
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger krebit = (Logger) LoggerFactory.getLogger("se.krebit");
  private final @Nullable Level rootLevel = root.getLevel();
  private final @Nullable Level krebitLevel = krebit.getLevel();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

  LogCapture() {
    root.iteratorForAppenders().forEachRemaining(detached::add);
    detached.forEach(root::detachAppender);
    root.setLevel(Level.TRACE);
    krebit.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(rootLevel);
    krebit.setLevel(krebitLevel);
    detached.forEach(root::addAppender);
  }
}
