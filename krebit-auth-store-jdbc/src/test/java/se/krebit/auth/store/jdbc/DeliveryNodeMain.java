package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import se.krebit.webhooks.WebhookListener;

/**
 * One node of {@link MultiProcessDeliveriesIT}, in a JVM of its own: a {@link DeliveryNode} whose
 * receiver deduplicates in the shared PostgreSQL schema. It says {@code node ready URL}, then
 * {@code node handled EVENT_ID} for each delivery its handler processes; on {@code quit} (or the
 * end of its input) it closes the receiver, which processes what it acknowledged, says {@code node
 * done} and exits. Arguments: schema, webhook secret. Environment: {@code
 * KREBIT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}.
 */
public final class DeliveryNodeMain {
  private DeliveryNodeMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getenv(PostgresServer.URL_ENV));
    config.setUsername(System.getenv(PostgresServer.USER_ENV));
    config.setPassword(System.getenv(PostgresServer.PASSWORD_ENV));
    config.setSchema(args[0]);
    config.setMaximumPoolSize(4);
    config.setPoolName("delivery-process");
    try (HikariDataSource database = new HikariDataSource(config);
        DeliveryNode node =
            new DeliveryNode(
                database,
                args[1],
                delivery -> out.println("node handled " + delivery.event().eventId().orElse("?")),
                WebhookListener.NONE)) {
      out.println("node ready " + node.url());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine();
          line != null && !line.equals("quit");
          line = in.readLine()) {
        // no other command
      }
    }
    out.println("node done");
    System.exit(0);
  }
}
