package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.testkit.SettableClock;

/**
 * One node of {@link MultiProcessClusterIT}, in a JVM of its own: the same flow, store and strict
 * server as in-process nodes, the server's state in the shared database. Driven over standard input
 * with one command per line, answering on standard output with lines that start with {@code node}:
 *
 * <pre>
 *   time EPOCH_MILLIS  ->  node ok              set the clock (runs what falls due)
 *   ask                ->  node asked OK FAILED every subject's token, all at once
 *   quit                                        exit
 * </pre>
 *
 * <p>Arguments: schema, number of subjects, token lifetime in seconds, clock start in epoch millis.
 * Environment: {@code KREBIT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}, and
 * {@code KREBIT_NODE_KEYSET}, the Tink keyset JSON the cluster shares.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) throws Exception {
    String schema = args[0];
    int subjects = Integer.parseInt(args[1]);
    Duration lifetime = Duration.ofSeconds(Long.parseLong(args[2]));
    SettableClock clock = SettableClock.startingAt(Instant.ofEpochMilli(Long.parseLong(args[3])));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getenv(PostgresServer.URL_ENV));
    config.setUsername(System.getenv(PostgresServer.USER_ENV));
    config.setPassword(System.getenv(PostgresServer.PASSWORD_ENV));
    config.setSchema(schema);
    config.setMaximumPoolSize(4);
    config.setPoolName("cluster-process");
    try (HikariDataSource database = new HikariDataSource(config)) {
      TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(System.getenv("KREBIT_NODE_KEYSET"));
      SqlAuthorizationServer server = new SqlAuthorizationServer(database, lifetime, ClusterNode.REDIRECT);
      ExecutorService fetches = Executors.newFixedThreadPool(8);
      ExecutorService callers = Executors.newFixedThreadPool(16);
      AuthorizationCodeFlow flow = ClusterNode.flow(database, cipher, server.endpoint(), clock, fetches);
      out.println("node ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        if (line.startsWith("time ")) {
          clock.set(Instant.ofEpochMilli(Long.parseLong(line.substring("time ".length()))));
          out.println("node ok");
        } else if (line.equals("ask")) {
          out.println(ask(flow, subjects, callers));
        }
      }
      fetches.shutdownNow();
      callers.shutdownNow();
    }
    System.exit(0);
  }

  private static String ask(AuthorizationCodeFlow flow, int subjects, ExecutorService callers) throws InterruptedException {
    List<Future<?>> asked = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      String subject = ClusterNode.subject(i);
      asked.add(callers.submit(() -> flow.forSubject(subject).token()));
    }
    int ok = 0;
    int failed = 0;
    for (Future<?> token : asked) {
      try {
        token.get(60, TimeUnit.SECONDS);
        ok++;
      } catch (Exception e) {
        failed++;
        System.err.println("token failed: " + e);
      }
    }
    return "node asked " + ok + " " + failed;
  }
}
