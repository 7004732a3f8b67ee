package se.krebit.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/** The receiving endpoint behind the JDK's HTTP server and {@link WebhookHttpHandler}. */
class HttpServerEndpointIT extends ReceivingEndpointContract {
  private HttpServer server;

  @Override
  protected URI start(WebhookReceiver receiver, Faults faults) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookHttpHandler handler = new WebhookHttpHandler(receiver);
    server.createContext(
        "/hooks",
        exchange -> {
          Optional<Fault> fault = faults.poll();
          if (fault.isEmpty()) {
            handler.handle(exchange);
          } else {
            if (fault.get() == Fault.LOSE_ANSWER) {
              receiver.receive(
                  WebhookHeaders.of(exchange.getRequestHeaders()), exchange.getRequestBody());
            }
            fail(exchange);
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  private static void fail(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(500, -1);
    exchange.close();
  }

  @Override
  protected void stop() {
    server.stop(0);
  }
}
