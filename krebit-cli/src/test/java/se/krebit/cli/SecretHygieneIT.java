package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * No command prints a secret, with {@code --verbose} too, except the token {@code krebit token} is
 * asked for: not the client secret, not the store's key, and no token, code or PKCE verifier that
 * crossed the wire, in standard output, standard error or the library's debug log. What crossed the
 * wire is read back from the fake server's WireMock journal, so nothing is guessed.
 */
class SecretHygieneIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();
  private static final Pattern WIRE_SECRET = Pattern.compile(
      "\"(access_token|refresh_token|code|code_verifier|client_secret)\"\\s*:\\s*\"([^\"]+)\"|[?&]code=([^&]+)");
  private static final Pattern KEY_MATERIAL = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path home;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;
  private Appender<ILoggingEvent> console;

  @BeforeEach
  void captureTheDebugLog() {
    rootLevel = root.getLevel();
    console = root.getAppender("CONSOLE"); // the debug log goes to the list only, not to the build's output
    root.detachAppender(console);
    root.setLevel(Level.DEBUG);
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void restoreLogging() {
    root.detachAppender(log);
    root.addAppender(console);
    root.setLevel(rootLevel);
  }

  @Test
  void noCommandPrintsOrLogsASecretUnlessAskedForTheToken(FakeKrebitServer server) throws IOException {
    server.consent().approveAs(TestFake.USER);
    Cli cli = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET).browser(new ScriptedBrowser());
    List<Cli.Run> silent = new ArrayList<>();
    List<Cli.Run> asked = new ArrayList<>();

    silent.add(cli.run("login", "--subject", "alice", "--port", Integer.toString(TestFake.LOGIN_PORT), "--verbose"));
    asked.add(cli.run("token", "--verbose"));
    asked.add(cli.run("token", "--subject", "alice", "--verbose"));
    silent.add(cli.run("me", "--verbose"));
    silent.add(cli.run("me", "--json", "--verbose"));
    server.revoke(asked.get(1).out().strip());
    silent.add(cli.run("me", "--subject", "alice", "--verbose")); // 401, refresh with rotation, retry
    silent.add(cli.run("logout", "--subject", "alice", "--verbose"));
    silent.add(cli.run("token", "--subject", "alice", "--verbose")); // must sign in again
    silent.add(cli.env(ConfigSources.CLIENT_SECRET, "a-wrong-" + TestFake.SECRET).run("me", "--verbose"));

    Set<String> secrets = secretsThatCrossedTheWire(server);
    secrets.add(TestFake.SECRET);
    secrets.addAll(storeKeyMaterial());
    assertThat(secrets).hasSizeGreaterThan(8);
    for (Cli.Run run : silent) {
      assertNoSecretIn(run.all(), secrets);
    }
    for (Cli.Run run : asked) {
      assertThat(run.exitCode()).isZero();
      assertThat(secrets).contains(run.out().strip());
      assertNoSecretIn(run.err(), secrets);
    }
    assertThat(log.list).isNotEmpty();
    for (ILoggingEvent event : log.list) {
      assertNoSecretIn(event.getFormattedMessage() + throwableText(event.getThrowableProxy()), secrets);
    }
  }

  private static void assertNoSecretIn(String text, Set<String> secrets) {
    for (String secret : secrets) {
      assertThat(text).as("printed or logged text").doesNotContain(secret);
    }
  }

  private static Set<String> secretsThatCrossedTheWire(FakeKrebitServer server) {
    Set<String> secrets = new HashSet<>();
    for (ServeEvent event : server.wireMock().getAllServeEvents()) {
      collect(event.getRequest().getBodyAsString(), secrets);
      collect(event.getResponse().getBodyAsString(), secrets);
      var location = event.getResponse().getHeaders().getHeader("Location");
      if (location.isPresent()) {
        collect(location.firstValue(), secrets);
      }
    }
    return secrets;
  }

  private static void collect(String text, Set<String> secrets) {
    Matcher matcher = WIRE_SECRET.matcher(text);
    while (matcher.find()) {
      secrets.add(matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
    }
  }

  private List<String> storeKeyMaterial() throws IOException {
    Matcher matcher = KEY_MATERIAL.matcher(Files.readString(home.resolve(".krebit/store-key.json")));
    List<String> material = new ArrayList<>();
    while (matcher.find()) {
      material.add(matcher.group(1));
    }
    assertThat(material).isNotEmpty();
    return material;
  }

  private static String throwableText(IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      text.append(' ').append(p.getMessage());
    }
    return text.toString();
  }
}
