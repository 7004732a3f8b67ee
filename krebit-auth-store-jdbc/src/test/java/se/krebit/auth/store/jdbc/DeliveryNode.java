package se.krebit.auth.store.jdbc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import se.krebit.webhooks.WebhookHandler;
import se.krebit.webhooks.WebhookHeaders;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookListener;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookVerifier;

/**
 * One node of an application receiving Krebit's webhooks: the JDK's HTTP server on loopback, a
 * receiver that deduplicates in the shared database, and a door that can lose the next answer (the
 * receiver takes the delivery, the sender sees a 500), as a timeout or a dropped connection would.
 */
final class DeliveryNode implements AutoCloseable {
  private final HttpServer server;
  private final WebhookReceiver receiver;
  private final AtomicBoolean loseNextAnswer = new AtomicBoolean();

  DeliveryNode(DataSource database, String secret, WebhookHandler handler, WebhookListener listener) {
    this.receiver = WebhookReceiver.builder()
        .verifier(WebhookVerifier.builder().secret(secret).build())
        .deduplicator(JdbcDeliveryDeduplicator.builder(database).createTableIfMissing(true).build())
        .handler(handler)
        .listener(listener)
        .build();
    WebhookHttpHandler adapter = new WebhookHttpHandler(receiver);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/krebit/webhooks", exchange -> {
      if (loseNextAnswer.compareAndSet(true, false)) {
        receiver.receive(WebhookHeaders.of(exchange.getRequestHeaders()), exchange.getRequestBody());
        exchange.sendResponseHeaders(500, -1);
        exchange.close();
      } else {
        adapter.handle(exchange);
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/krebit/webhooks");
  }

  /** The receiver takes the next delivery, but the sender gets a 500. */
  void loseNextAnswer() {
    loseNextAnswer.set(true);
  }

  @Override
  public void close() {
    server.stop(0);
    receiver.close();
  }
}
