package se.krebit.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering {@code GET /me} with a small JSON body: the transport's peer.
 */
final class MeOrigin implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers;

  /** Starts one whose {@code handlerThreads} threads answer. */
  MeOrigin(int handlerThreads) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/me",
        exchange -> {
          byte[] body = "{\"id\":\"me\"}".getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    handlers = Executors.newFixedThreadPool(handlerThreads);
    server.setExecutor(handlers);
    server.start();
  }

  URI me() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/me");
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
