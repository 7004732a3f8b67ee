package se.krebit.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook endpoint for the fake to deliver to: the JDK's HTTP server on loopback, answering each
 * POST with the next scripted status (200 once the script is spent) and recording what came.
 */
final class RecordingEndpoint implements AutoCloseable {
  /**
   * One request as it arrived: headers (names as sent), the raw body, and when, on the nanosecond
   * timer.
   */
  record Received(Map<String, List<String>> headers, byte[] body, long nanos) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final ArrayDeque<Integer> statuses = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  RecordingEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hooks",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            received.add(
                new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    in.readAllBytes(),
                    System.nanoTime()));
          }
          exchange.sendResponseHeaders(nextStatus(), -1);
          exchange.close();
        });
    server.start();
  }

  /** Answers the next requests with these statuses, in order. */
  synchronized RecordingEndpoint answer(Integer... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  private synchronized int nextStatus() {
    Integer next = statuses.pollFirst();
    return next == null ? 200 : next;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
