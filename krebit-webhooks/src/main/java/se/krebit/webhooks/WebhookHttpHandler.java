package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link WebhookReceiver} behind the JDK's own HTTP server ({@code com.sun.net.httpserver}): POST
 * deliveries are received and answered as the receiver says, in plain text; other methods get 405.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/krebit/webhooks", new WebhookHttpHandler(receiver));
 * server.start();
 * }</pre>
 *
 * <p>Thread-safe: one handler serves every request of its context.
 */
public final class WebhookHttpHandler implements HttpHandler {
  private final WebhookReceiver receiver;

  /** A handler that passes every delivery to {@code receiver}. */
  public WebhookHttpHandler(WebhookReceiver receiver) {
    this.receiver = requireNonNull(receiver, "receiver");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, new WebhookResponse(405, "deliveries are POSTed"));
        return;
      }
      respond(
          exchange,
          receiver.receive(
              WebhookHeaders.of(exchange.getRequestHeaders()), exchange.getRequestBody()));
    } finally {
      exchange.close();
    }
  }

  private static void respond(HttpExchange exchange, WebhookResponse response) throws IOException {
    byte[] body = (response.message() + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public String toString() {
    return "WebhookHttpHandler[" + receiver + "]";
  }
}
