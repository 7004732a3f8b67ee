package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for the tests, over real sockets on loopback. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Http() {}

  static HttpResponse<String> postJson(URI uri, String json) {
    return post(uri, "application/json", json);
  }

  static HttpResponse<String> postForm(URI uri, String form) {
    return post(uri, "application/x-www-form-urlencoded", form);
  }

  static HttpResponse<String> post(URI uri, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static HttpResponse<String> postFormWithBasic(
      URI uri, String form, String clientId, String secret) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", basic(clientId, secret))
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET());
  }

  static HttpResponse<String> get(URI uri, String authorization) {
    return send(
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", authorization).GET());
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return sendOrThrow(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResponse<String> sendOrThrow(HttpRequest.Builder request) throws IOException {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String clientId, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(UTF_8));
  }

  static String clientCredentialsJson(String clientId, String secret) {
    return "{\"grant_type\":\"client_credentials\",\"client_id\":\""
        + clientId
        + "\",\"client_secret\":\""
        + secret
        + "\"}";
  }
}
