package se.krebit.auth.store.jdbc;

import java.net.URI;
import javax.sql.DataSource;
import se.krebit.webhooks.WebhookHandler;
import se.krebit.webhooks.WebhookListener;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookVerifier;

/**
 * One node of an application receiving Krebit's webhooks: the JDK's HTTP server on loopback, a
 * receiver that deduplicates in the shared database, and a door that can lose the next answer (the
 * receiver takes the delivery, the sender sees a 500), as a timeout or a dropped connection would.
 */
final class DeliveryNode implements AutoCloseable {
  private final Door door = new Door();
  private final WebhookReceiver receiver;
  private final EndpointServer.RunningEndpoint endpoint;

  DeliveryNode(
      DataSource database, String secret, WebhookHandler handler, WebhookListener listener) {
    this.receiver =
        WebhookReceiver.builder()
            .verifier(WebhookVerifier.builder().secret(secret).build())
            .deduplicator(
                JdbcDeliveryDeduplicator.builder(database).createTableIfMissing(true).build())
            .handler(handler)
            .listener(listener)
            .build();
    this.endpoint = EndpointServer.JDK_HTTP_SERVER.start(receiver, door);
  }

  URI url() {
    return endpoint.url();
  }

  /** The receiver takes the next delivery, but the sender gets a 500. */
  void loseNextAnswer() {
    door.loseNextAnswer();
  }

  @Override
  public void close() {
    endpoint.close();
    receiver.close();
  }
}
