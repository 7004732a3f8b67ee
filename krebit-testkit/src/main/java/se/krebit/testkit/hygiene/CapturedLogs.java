package se.krebit.testkit.hygiene;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while it is open, from every logger at every level, TRACE included, each
 * rendered whole (message, MDC, and every exception in the chain with its message and stack): for a
 * test to assert that no planted value was logged. Needs Logback as the SLF4J backend. Close it to
 * restore the levels.
 */
public final class CapturedLogs implements AutoCloseable {
  private final Logger root;
  private final Logger krebit;
  private final Level rootLevel;
  private final Level krebitLevel;
  private final LogLines lines;

  private CapturedLogs(LoggerContext context) {
    this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    this.krebit = context.getLogger("se.krebit");
    this.rootLevel = root.getLevel();
    this.krebitLevel = krebit.getLevel();
    root.setLevel(Level.TRACE);
    krebit.setLevel(Level.TRACE);
    this.lines = LogLines.attachIfLogback();
  }

  /**
   * Starts capturing.
   *
   * @throws IllegalStateException if Logback is not the SLF4J backend
   */
  public static CapturedLogs start() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("capturing log lines needs Logback as the SLF4J backend");
    }
    return new CapturedLogs(context);
  }

  /** The lines so far. */
  public List<String> lines() {
    return lines.snapshot();
  }

  @Override
  public void close() {
    lines.detach();
    root.setLevel(rootLevel);
    krebit.setLevel(krebitLevel);
  }
}
