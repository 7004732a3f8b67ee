package se.krebit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The browser of a person signing in, played by an HTTP client: it asks the authorize URL, gets the
 * fake's redirect (it consents or denies as the test scripted) and follows it to krebit's loopback
 * callback, keeping the page krebit answers with.
 */
final class ScriptedBrowser implements Browser {
  private final HttpBrowser consent = new HttpBrowser();
  private final HttpClient http = HttpClient.newHttpClient();
  volatile int pageStatus;
  volatile String page = "";
  volatile URI opened;

  @Override
  public boolean open(URI authorizeUri) {
    opened = authorizeUri;
    try {
      URI callback = consent.consent(authorizeUri);
      // a browser gives up too: a listener that never answers fails the sign-in rather than the
      // test run
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      pageStatus = answer.statusCode();
      page = answer.body();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
