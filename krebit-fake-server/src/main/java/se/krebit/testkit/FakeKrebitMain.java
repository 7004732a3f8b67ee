package se.krebit.testkit;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.testing.SettableClock;

/**
 * Runs a {@link FakeKrebitServer} on its own until the process is stopped, for trying clients by
 * hand, for instance with the curl commands of the Krebit guide against {@code
 * http://127.0.0.1:8089}:
 *
 * <pre>
 * java -jar krebit-fake-server-0.1.0-SNAPSHOT-standalone.jar --port 8089 --client demo-client:demo-secret
 * </pre>
 *
 * <p>Options ({@code --help} explains each): {@code --port N} (default 8089; 0 picks a free port),
 * {@code --client ID:SECRET} (repeatable, at least one), {@code --token-lifetime SECONDS} (default
 * 3600), {@code --redirect-uri URI} (repeatable, registered for every client), {@code
 * --auto-approve USER} (repeatable: authorize requests are answered at once with a code for the
 * user their {@code login_hint} names, else the first, so scripts can run the authorization-code
 * flow with curl), {@code --role ID:ROLE} (repeatable; for the client ID, else for the user ID),
 * {@code --token-path PATH} (repeatable; the token endpoint's paths instead of {@code
 * /oauth/token}), {@code --refresh-rotation MODE}, {@code --refresh-reuse-grace SECONDS}, {@code
 * --refresh-token-lifetime SECONDS} (strict rotation with reuse detection unless told otherwise),
 * and {@code --admin-token-file FILE} (opens the admin API and the journal over HTTP to that bearer
 * token; closed without it). It listens on 127.0.0.1 only. Prints the base URL, the endpoints and
 * the client ids, never a secret. Exits with 2 and a one-line message on a bad command line, with 1
 * if the server cannot start. Here the fake's clock follows real time, to the second, so tokens
 * expire as they would at Krebit.
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
    FakeKrebitServer server;
    try {
      server = build(options);
    } catch (StandaloneOptions.UsageException e) {
      System.err.println("error: " + e.getMessage() + " (" + StandaloneOptions.USAGE + ")");
      System.exit(2);
      return;
    }
    try {
      server.start();
    } catch (RuntimeException e) {
      System.err.println(
          "error: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    followRealTime(server.clock());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "fake-krebit-shutdown"));
    printBanner(server, options, System.out);
    stopped.await();
  }

  /**
   * @throws StandaloneOptions.UsageException if the admin token file is no good
   */
  static FakeKrebitServer build(StandaloneOptions options) {
    FakeKrebitServer.Builder builder =
        FakeKrebitServer.builder()
            .port(options.port())
            .tokenLifetime(options.tokenLifetime())
            .refreshTokenRotation(options.refresh().rotation())
            .refreshReuseGrace(options.refresh().reuseGrace())
            .wireMockJournal(false); // it would keep every request body, secrets included
    options.refresh().lifetime().ifPresent(builder::refreshTokenLifetime);
    options.adminTokenFile().map(StandaloneOptions::readAdminToken).ifPresent(builder::adminToken);
    options.apps().forEach(builder::app);
    options
        .userRoles()
        .forEach((user, roles) -> builder.userRoles(user, roles.toArray(String[]::new)));
    options.autoApprove().forEach(builder::autoApprove);
    if (!options.tokenPaths().isEmpty()) {
      builder.tokenPaths(options.tokenPaths().toArray(String[]::new));
    }
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
    out.println(
        "Token endpoint: "
            + server.tokenPaths().stream()
                .map(path -> server.baseUri().resolve(path.substring(1)).toString())
                .collect(Collectors.joining(", ")));
    out.println("Authorization endpoint: " + server.authorizationEndpoint());
    out.println("API: " + server.apiBaseUri() + " (try me)");
    out.println(
        "Registered clients: "
            + server.apps().stream()
                .map(RegisteredApp::clientId)
                .collect(Collectors.joining(", ")));
    out.println(
        "Redirect URIs: "
            + (options.redirectUris().isEmpty()
                ? "none (the authorization-code flow needs --redirect-uri)"
                : String.join(", ", options.redirectUris())));
    out.println("Consent: " + consent(options.autoApprove()));
    out.println("Refresh tokens: " + refresh(options.refresh()));
    out.println(
        "Admin API and request journal: "
            + options
                .adminTokenFile()
                .map(
                    file ->
                        base
                            + "__admin/krebit/journal, with 'Authorization: Bearer TOKEN' (TOKEN from "
                            + file
                            + ")")
                .orElse("closed (--admin-token-file opens them)"));
    out.println(
        "Access tokens live " + server.tokenLifetime().toSeconds() + " s. Stop with Ctrl+C.");
    out.flush();
  }

  private static String consent(List<String> users) {
    if (users.isEmpty()) {
      return "a consent page in the browser";
    }
    return users.size() == 1
        ? "every authorize request is approved as '" + users.get(0) + "'"
        : "authorize requests are approved as the user their login_hint names, one of '"
            + String.join("', '", users)
            + "', else as '"
            + users.get(0)
            + "'";
  }

  private static String refresh(RefreshSettings refresh) {
    String rotation =
        switch (refresh.rotation()) {
          case ROTATE ->
              "rotated on every refresh; presenting a retired one revokes its family"
                  + (refresh.reuseGrace().isZero()
                      ? ""
                      : " (after a grace of " + refresh.reuseGrace().toSeconds() + " s)");
          case KEEP_AND_REPEAT -> "one per sign-in, repeated in every refresh answer";
          case KEEP_AND_OMIT -> "one per sign-in, left out of refresh answers";
        };
    return rotation
        + refresh.lifetime().map(l -> "; each lives " + l.toSeconds() + " s").orElse("");
  }

  private static void configureLogging() {
    System.setProperty(
        "org.slf4j.simpleLogger.showDateTime",
        System.getProperty("org.slf4j.simpleLogger.showDateTime", "true"));
    System.setProperty(
        "org.slf4j.simpleLogger.dateTimeFormat",
        System.getProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS"));
    System.setProperty(
        "org.slf4j.simpleLogger.showThreadName",
        System.getProperty("org.slf4j.simpleLogger.showThreadName", "false"));
    // Jetty, under WireMock, reports its own start and stop, and warns of its deprecations and of
    // more
    // acceptors than cores: none of it is the fake's to tell, and WireMock's standalone jar kept it
    // silent.
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.eclipse.jetty",
        System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "error"));
  }
}
