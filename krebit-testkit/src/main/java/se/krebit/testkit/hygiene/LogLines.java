package se.krebit.testkit.hygiene;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log event that reaches Logback's root logger while attached, rendered whole: the message,
 * its MDC, and each exception in the chain with its message and stack. Only loaded when Logback is
 * the SLF4J backend.
 */
final class LogLines extends AppenderBase<ILoggingEvent> {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root;

  private LogLines(Logger root) {
    this.root = root;
  }

  /** Starts capturing; null when the SLF4J backend is not Logback. */
  static LogLines attachIfLogback() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return null;
    }
    LogLines capture = new LogLines(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    capture.setContext(context);
    capture.setName("krebit-secret-hygiene");
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  /** What was logged so far. */
  List<String> snapshot() {
    return List.copyOf(lines);
  }

  /** Stops capturing; what was logged meanwhile. */
  List<String> detach() {
    root.detachAppender(this);
    stop();
    return List.copyOf(lines);
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    event
        .getMDCPropertyMap()
        .forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        line.append(' ').append(frame.getSTEAsString());
      }
    }
    lines.add(line.toString());
  }
}
