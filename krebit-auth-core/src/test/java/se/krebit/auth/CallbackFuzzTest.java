package se.krebit.auth;

import static se.krebit.auth.SignInFixture.CALLBACK;
import static se.krebit.auth.SignInFixture.beginSignIn;
import static se.krebit.auth.SignInFixture.flowOn;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.testing.SettableClock;

/**
 * Fuzzes the authorization callback: each input is the query (and, after a {@code #}, the fragment)
 * of a callback URI, where {@code {state}} stands for the real {@code state} of a real {@code
 * begin}. {@link AuthorizationCodeFlow#complete} ends in a completed sign-in or a typed {@link
 * KrebitException}, quickly, and neither its message chain nor a log line shows the real state or
 * the client secret, outside the server's words it quotes on purpose (an {@code error} and its
 * description, which a callback may fill with anything). Core has no test kit, so this checks by
 * hand what the test kit's {@code FuzzInvariants} checks elsewhere. Seeds: {@code
 * CallbackFuzzTestInputs}.
 */
class CallbackFuzzTest {
  private static final String SECRET = "cs-PLANTED-callback-6a3f";
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  @FuzzTest(maxDuration = "10m")
  void anyCallbackIsASignInOrATypedErrorThatExposesNoSecret(byte[] input) {
    SettableClock clock = SettableClock.startingAt(Instant.parse("2026-11-27T10:00:00Z"));
    AuthorizationCodeFlow flow =
        flowOn(new RotatingEndpoint())
            .client(ClientCredentials.of("web-app", SECRET)) // a secret planted to be looked for
            .tokenStore(new InMemoryTokenStore())
            .stateRepository(new InMemoryStateRepository(clock))
            .clock(clock)
            .executor(Runnable::run)
            .build();
    String state = beginSignIn(flow, "alice");
    URI uri;
    try {
      uri =
          new URI(
              CALLBACK
                  + "?"
                  + new String(input, StandardCharsets.ISO_8859_1).replace("{state}", state));
    } catch (URISyntaxException e) {
      return; // not a URI: no web framework would hand it over
    }
    ListAppender<ILoggingEvent> logs = capture();
    List<String> quoted = new ArrayList<>();
    // CPU time, not wall time: no I/O here, and a loaded machine or class loading says nothing
    long started = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    try {
      flow.complete(uri);
    } catch (KrebitException e) {
      if (e instanceof AuthorizationCallbackException.AuthorizationError error) {
        quoted.add(error.error());
        error.errorDescription().ifPresent(quoted::add);
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        checkClean(t.toString(), state, quoted);
      }
    } finally {
      release(logs);
    }
    if (Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - started)
            .compareTo(DEADLINE)
        > 0) {
      throw new AssertionError("complete() used more than " + DEADLINE + " of CPU");
    }
    for (ILoggingEvent event : logs.list) {
      checkClean(render(event), state, quoted);
    }
  }

  private static void checkClean(String text, String state, List<String> quoted) {
    String ours = text;
    for (String words : quoted) {
      ours = words.isEmpty() ? ours : ours.replace(words, "");
    }
    if (ours.contains(state) || ours.contains(SECRET)) {
      throw new AssertionError(
          "the real state or the client secret shows in: " + ours.replace(state, "<state>"));
    }
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    ((Logger) LoggerFactory.getLogger("se.krebit")).setLevel(Level.TRACE);
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    ((Logger) LoggerFactory.getLogger("se.krebit")).setLevel(null);
    appender.stop();
  }

  private static String render(ILoggingEvent event) {
    List<String> parts = new ArrayList<>(List.of(event.getFormattedMessage()));
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      parts.add(t.getClassName() + ": " + t.getMessage());
    }
    return String.join(" | ", parts);
  }
}
