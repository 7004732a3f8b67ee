package se.krebit.api;

import java.time.Duration;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/** Clients of the fake Krebit server, with retries fast enough for tests. */
final class TestClients {
  static final String CLIENT_ID = "demo-client";
  static final String SECRET = "demo-secret";
  static final String ROLE = "reader";

  private TestClients() {}

  /**
   * A fake with one app, {@value #CLIENT_ID}, holding the role {@value #ROLE}, and a redirect URI
   * for sign-in.
   */
  static FakeKrebitExtension fake() {
    return FakeKrebitExtension.builder()
        .app(CLIENT_ID, SECRET, ROLE)
        .redirectUri(CLIENT_ID, "http://127.0.0.1:9999/oauth/callback")
        .build();
  }

  /** App tokens from the fake, by client credentials over the Feign token endpoint. */
  static ClientCredentialsTokenSource tokens(FakeKrebitServer server) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).http(fast().build()).build())
        .client(server.credentials(CLIENT_ID))
        .clock(server.clock())
        .build();
  }

  /** Short timeouts and millisecond backoff, to adjust further. */
  static HttpConfig.Builder fast() {
    return HttpConfig.custom()
        .connectTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(5))
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20));
  }

  /** A client of the fake with {@link #fast()} transport. */
  static KrebitClient.Builder builder(FakeKrebitServer server, TokenSource tokens) {
    return KrebitClient.builder().tenant(server.tenant()).tokenSource(tokens).http(fast().build());
  }

  /** A builder of such a client with its own app token source. */
  static KrebitClient.Builder builder(FakeKrebitServer server) {
    return builder(server, tokens(server));
  }

  static KrebitClient client(FakeKrebitServer server) {
    return builder(server).build();
  }
}
