package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookHandler;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookVerifier;

/**
 * The README's cluster-safe webhook receiver, verbatim between the {@code README} markers, on
 * PostgreSQL.
 */
class ReadmeWebhooksJdbcIT {
  private static final String SECRET = "whsec_readme_jdbc_6b0e1d";
  private static PostgresSchema schema;

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("your-client-id", "secret-1").build();

  @BeforeAll
  static void createSchema() {
    schema = PostgresSchema.create();
    JdbcDeliveryDeduplicator.builder(schema.pool("readme-webhooks-setup", 1))
        .createTableIfMissing(true)
        .build();
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  static WebhookReceiver clusterReceiver(
      DataSource dataSource, WebhookVerifier verifier, WebhookHandler handler) {
    // README:begin webhooks-jdbc
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(verifier)
        .handler(handler)
        .deduplicator(JdbcDeliveryDeduplicator.builder(dataSource).build())  // table krebit_webhook_deliveries
        .build();
    // README:end webhooks-jdbc
    return receiver;
  }

  @Test
  void twoNodesOnOneDatabaseProcessARedeliveredEventOnce(FakeKrebitServer krebit)
      throws IOException {
    List<VerifiedDelivery> handled = new CopyOnWriteArrayList<>();
    WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).build();
    try (WebhookReceiver a =
            clusterReceiver(schema.pool("readme-node-a", 2), verifier, handled::add);
        WebhookReceiver b =
            clusterReceiver(schema.pool("readme-node-b", 2), verifier, handled::add)) {
      HttpServer nodeA = serve(a);
      HttpServer nodeB = serve(b);
      krebit.webhooks().registration("your-client-id", url(nodeA)).secret(SECRET).register();
      krebit.webhooks().registration("your-client-id", url(nodeB)).secret(SECRET).register();

      EmittedEvent event = krebit.webhooks().emit("signing.sent", Map.of("signing_id", "sig-1"));
      krebit.webhooks().redeliver(event.id());

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> krebit.webhooks().deliveriesOf(event.id()).size() == 4);
      assertThat(krebit.webhooks().deliveriesOf(event.id()))
          .allMatch(delivery -> delivery.delivered());
      nodeA.stop(0);
      nodeB.stop(0);
    } // closing a receiver processes what it acknowledged

    assertThat(handled).hasSize(1);
  }

  private static HttpServer serve(WebhookReceiver receiver) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/krebit/webhooks", new WebhookHttpHandler(receiver));
    server.start();
    return server;
  }

  private static URI url(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/krebit/webhooks");
  }
}
