package se.krebit.webhooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sends a delivery as an attacker or a broken proxy would: any headers, any bytes, with a declared
 * length or chunked. A server may answer before it has read a large body and close the connection;
 * the client may then see the answer, or only the closed connection.
 */
final class RawHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private RawHttp() {}

  /** What came back: a status, or why none did. */
  record Outcome(OptionalInt status, Optional<String> failure) {
    boolean isSuccess() {
      return status.isPresent() && status.getAsInt() / 100 == 2;
    }

    @Override
    public String toString() {
      return status.isPresent() ? "HTTP " + status.getAsInt() : "no answer: " + failure.orElse("?");
    }
  }

  static Outcome post(URI uri, Map<String, String> headers, byte[] body, boolean chunked) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .POST(
                chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  static Outcome get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private static Outcome send(HttpRequest request) {
    try {
      return new Outcome(
          OptionalInt.of(CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()),
          Optional.empty());
    } catch (IOException e) {
      return new Outcome(OptionalInt.empty(), Optional.of(e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
