package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.CompletedAuthorization;
import se.krebit.auth.Fingerprint;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * One node of {@link MultiProcessClusterIT}, in a JVM of its own: the same flow and store as
 * in-process nodes, talking to the fake Krebit server over HTTP. Its clock moves only when told, to
 * the time the test has set on the fake's clock, so both agree on expiry. Driven over standard
 * input with one command per line, answering on standard output with one line that starts with
 * {@code node}:
 *
 * <pre>
 *   time EPOCH_MILLIS  ->  node ok                      set the clock (runs what falls due)
 *   begin SUBJECT      ->  node redirect URI            begin a sign-in: the authorize URL
 *   complete URI       ->  node signed-in SUBJECT       complete a sign-in at its callback URI
 *   ask                ->  node asked OK FAILED TOKENS  every subject's token, all at once; TOKENS
 *                                                       is {@link #served} of the tokens served
 *   quit                                                exit
 * </pre>
 *
 * <p>A command that fails is answered {@code node failed MESSAGE}. Arguments: schema, number of
 * subjects, the fake's base URI, the clock's start in epoch millis. Environment: {@code
 * KREBIT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}, and {@code KREBIT_NODE_KEYSET}, the
 * Tink keyset JSON the cluster shares.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) throws Exception {
    String schema = args[0];
    int subjects = Integer.parseInt(args[1]);
    Tenant tenant = Tenant.at(URI.create(args[2]));
    SettableClock clock = SettableClock.startingAt(Instant.ofEpochMilli(Long.parseLong(args[3])));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    try (HikariDataSource database =
        ClusterNode.databaseFromEnvironment(schema, "cluster-process", 4)) {
      TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(System.getenv("KREBIT_NODE_KEYSET"));
      ExecutorService fetches = Executors.newFixedThreadPool(4);
      ExecutorService callers = Executors.newFixedThreadPool(16);
      AuthorizationCodeFlow flow =
          ClusterNode.flow(
              tenant,
              FeignTokenEndpoint.builder().tenant(tenant).build(),
              database,
              cipher,
              clock,
              fetches);
      NodeCommands.serve(out, line -> answer(line, flow, clock, subjects, callers));
      fetches.shutdownNow();
      callers.shutdownNow();
    }
    System.exit(0);
  }

  private static String answer(
      String line,
      AuthorizationCodeFlow flow,
      SettableClock clock,
      int subjects,
      ExecutorService callers)
      throws InterruptedException {
    String[] command = line.split(" ", 2);
    switch (command[0]) {
      case "time" -> {
        clock.set(Instant.ofEpochMilli(Long.parseLong(command[1])));
        return "node ok";
      }
      case "begin" -> {
        return "node redirect " + flow.begin(ClusterNode.REDIRECT, command[1]).uri();
      }
      case "complete" -> {
        CompletedAuthorization done = flow.complete(URI.create(command[1]));
        return "node signed-in " + done.subject();
      }
      case "ask" -> {
        return ask(flow, subjects, callers);
      }
      default -> throw new IllegalArgumentException("unknown command: " + line);
    }
  }

  private static String ask(AuthorizationCodeFlow flow, int subjects, ExecutorService callers)
      throws InterruptedException {
    Map<String, Future<AccessToken>> asked = new TreeMap<>();
    for (int i = 0; i < subjects; i++) {
      String subject = ClusterNode.subject(i);
      asked.put(subject, callers.submit(() -> flow.forSubject(subject).token()));
    }
    Map<String, AccessToken> served = new TreeMap<>();
    int failed = 0;
    for (var token : asked.entrySet()) {
      try {
        served.put(token.getKey(), token.getValue().get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        failed++;
        System.err.println("token of " + token.getKey() + " failed: " + e);
      }
    }
    return "node asked " + served.size() + " " + failed + " " + served(served);
  }

  /**
   * A digest of which token is served for which subject, to compare nodes by: never a token itself.
   */
  static String served(Map<String, AccessToken> tokens) {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(tokens).forEach((subject, token) -> lines.add(subject + "=" + token.value()));
    return Fingerprint.of(String.join("\n", lines));
  }
}
