package se.krebit.guice;

import java.time.Duration;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;

/** The fake Krebit server's app the Guice tests authenticate as, and transport settings fast enough for tests. */
final class TestClients {
  static final String CLIENT_ID = "demo-client";
  static final String SECRET = "demo-secret";

  private TestClients() {}

  /** A fake with one app, {@value #CLIENT_ID}, and a redirect URI for sign-in. */
  static FakeKrebitExtension fake() {
    return FakeKrebitExtension.builder()
        .app(CLIENT_ID, SECRET, "reader")
        .redirectUri(CLIENT_ID, "http://127.0.0.1:9999/oauth/callback")
        .build();
  }

  /** Short timeouts and millisecond backoff. */
  static HttpConfig.Builder fast() {
    return HttpConfig.custom()
        .connectTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(5))
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20));
  }
}
