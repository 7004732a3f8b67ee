package se.krebit.auth.feign.readme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
// README:begin client-credentials
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
// README:end client-credentials
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's client-credentials quickstart, verbatim between the {@code README} markers (which the
 * CLI module's {@code ReadmeSnippetsTest} holds against the README), run against the fake server.
 */
class ReadmeQuickstartsIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  // README:begin client-credentials
  static String authorizationHeader(Tenant tenant, String clientId, String clientSecret) {
    TokenSource tokens = ClientCredentialsTokenSource.builder()      // build once and share: thread-safe
        .endpoint(FeignTokenEndpoint.builder().tenant(tenant).build()) // tenant: Tenant.organization("yourco")
        .client(ClientCredentials.of(clientId, clientSecret))
        .build();

    AccessToken token = tokens.token();     // cached, and refreshed ahead of expiry in the background
    // When the API answers 401 for it:  tokens.invalidate(token);  the next token() gets a new one.
    return token.authorizationHeader();     // "Bearer eyJhbGciOi..."
  }
  // README:end client-credentials

  @Test
  void clientCredentials(FakeKrebitServer server) {
    String authorization = authorizationHeader(server.tenant(), "demo-client", "demo-secret");

    assertThat(authorization).startsWith("Bearer ");
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }
}
