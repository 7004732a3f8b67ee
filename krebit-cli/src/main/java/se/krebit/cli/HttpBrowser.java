package se.krebit.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plays a person's browser with an HTTP client, against a fake Krebit server that consents at once:
 * asks the authorize URL and follows its redirect to the callback. Thread-safe.
 */
final class HttpBrowser implements Browser {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(TIMEOUT)
          .build();

  /**
   * Asks the authorize URL and returns where Krebit sends the browser next: the callback, with a
   * code or an error.
   *
   * @throws IOException if the answer is not a redirect
   */
  URI consent(URI authorizeUri) throws IOException, InterruptedException {
    HttpResponse<Void> answer =
        http.send(get(authorizeUri), HttpResponse.BodyHandlers.discarding());
    return answer
        .headers()
        .firstValue("Location")
        .map(URI::create)
        .orElseThrow(
            () ->
                new IOException(
                    "the authorize endpoint answered "
                        + answer.statusCode()
                        + " without a redirect"));
  }

  /** Consents and follows the redirect to the callback, as a browser would. */
  @Override
  public boolean open(URI authorizeUri) {
    try {
      http.send(get(consent(authorizeUri)), HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).build();
  }
}
