package se.krebit.testkit;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import se.krebit.auth.internal.DefaultScheduler;

/**
 * Runs a {@link FakeKrebitServer} on its own until the process is stopped, for trying clients by
 * hand, for instance with the curl commands of the Krebit guide against {@code http://127.0.0.1:8089}:
 *
 * <pre>
 * java -jar krebit-testkit-0.1.0-SNAPSHOT-standalone.jar --port 8089 --client demo-client:demo-secret
 * </pre>
 *
 * <p>Options: {@code --port N} (default 8089; 0 picks a free port), {@code --client ID:SECRET}
 * (repeatable, at least one), {@code --token-lifetime SECONDS} (default 3600), {@code --redirect-uri
 * URI} (repeatable, registered for every client), {@code --auto-approve USER} (every authorize
 * request is answered at once with a code for USER, so scripts can run the authorization-code flow
 * with curl), {@code --role ID:ROLE} (repeatable; for the client ID, else for the user ID);
 * {@code --help} explains them. Prints the base URL, the endpoints and the client ids, never a
 * secret. Exits with 2 and a one-line message on a bad command line,
 * with 1 if the server cannot start. Here the fake's clock follows real time, to the second, so
 * tokens expire as they would at Krebit.
 */
public final class FakeKrebitMain {
  private FakeKrebitMain() {}

  /** The command-line entry point; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    configureLogging(); // before any logger exists
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(args);
    } catch (StandaloneOptions.UsageException e) {
      System.err.println("error: " + e.getMessage() + " (" + StandaloneOptions.USAGE + ")");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(StandaloneOptions.HELP);
      System.out.flush();
      return;
    }
    FakeKrebitServer server = build(options);
    try {
      server.start();
    } catch (RuntimeException e) {
      System.err.println("error: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    followRealTime(server.clock());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "fake-krebit-shutdown"));
    printBanner(server, options, System.out);
    stopped.await();
  }

  static FakeKrebitServer build(StandaloneOptions options) {
    FakeKrebitServer.Builder builder = FakeKrebitServer.builder()
        .port(options.port())
        .tokenLifetime(options.tokenLifetime())
        .wireMockJournal(false); // it would keep every request body, secrets included
    options.apps().forEach(builder::app);
    options.userRoles().forEach((user, roles) -> builder.userRoles(user, roles.toArray(String[]::new)));
    options.autoApprove().ifPresent(builder::autoApprove);
    return builder.build();
  }

  private static void followRealTime(SettableClock clock) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(DefaultScheduler.daemon("fake-krebit-clock"));
    ticker.scheduleAtFixedRate(
        () -> clock.set(Instant.ofEpochMilli(System.currentTimeMillis())), 1, 1, TimeUnit.SECONDS);
  }

  static void printBanner(FakeKrebitServer server, StandaloneOptions options, PrintStream out) {
    String base = server.baseUri().toString();
    out.println("Fake Krebit server on " + base.substring(0, base.length() - 1));
    out.println("Token endpoint: " + server.tokenEndpoint());
    out.println("Authorization endpoint: " + server.authorizationEndpoint());
    out.println("API: " + server.apiBaseUri() + " (try me)");
    out.println("Registered clients: "
        + server.apps().stream().map(RegisteredApp::clientId).collect(Collectors.joining(", ")));
    out.println("Redirect URIs: " + (options.redirectUris().isEmpty()
        ? "none (the authorization-code flow needs --redirect-uri)"
        : String.join(", ", options.redirectUris())));
    out.println("Consent: " + options.autoApprove()
        .map(user -> "every authorize request is approved as '" + user + "'")
        .orElse("a consent page in the browser"));
    out.println("Access tokens live " + server.tokenLifetime().toSeconds() + " s. Stop with Ctrl+C.");
    out.flush();
  }

  private static void configureLogging() {
    System.setProperty("org.slf4j.simpleLogger.showDateTime",
        System.getProperty("org.slf4j.simpleLogger.showDateTime", "true"));
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat",
        System.getProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS"));
    System.setProperty("org.slf4j.simpleLogger.showThreadName",
        System.getProperty("org.slf4j.simpleLogger.showThreadName", "false"));
    // Jetty, under WireMock, reports its own start and stop, and warns of its deprecations and of more
    // acceptors than cores: none of it is the fake's to tell, and WireMock's standalone jar kept it silent.
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty",
        System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "error"));
  }
}
