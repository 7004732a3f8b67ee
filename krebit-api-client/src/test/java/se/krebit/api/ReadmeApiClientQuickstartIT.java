package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// README:begin client-credentials
import java.util.function.Supplier;
import se.krebit.api.Krebit;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.KrebitAuthConfig;
// README:end client-credentials
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's client-credentials and API-client quickstarts, verbatim between the {@code README}
 * markers, run against the fake server: if the README's code stops compiling or working, this fails.
 */
class ReadmeApiClientQuickstartIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final Logger log = LoggerFactory.getLogger(ReadmeApiClientQuickstartIT.class);

  // README:begin client-credentials
  /** The tenant, the client and the HTTP settings, given once: every token source and client derive from it. */
  static Krebit krebit(Tenant tenant, String clientId, Supplier<ClientSecret> clientSecret) {
    return Krebit.of(KrebitAuthConfig.builder()      // build once and share: thread-safe
        .tenant(tenant)                                // Tenant.organization("yourco")
        .clientId(clientId)
        .clientSecret(clientSecret)                    // e.g. () -> ClientSecret.of(vault.read("krebit"))
        .build());                                     // or Krebit.of(KrebitAuthConfig.fromEnvironment())
  }

  static String authorizationHeader(Krebit krebit) {
    TokenSource tokens = krebit.appTokens();  // the application's own tokens (client credentials)

    AccessToken token = tokens.token();     // cached, and refreshed ahead of expiry in the background
    // When the API answers 401 for it:  tokens.invalidate(token);  the next token() gets a new one.
    return token.authorizationHeader();     // "Bearer eyJhbGciOi..."
  }
  // README:end client-credentials

  // README:begin api-client-quickstart
  static Me firstCall(Krebit krebit) {
    KrebitClient client = krebit.client();          // as the application; krebit.clientFor(userId) as a user

    try {
      Me me = client.me();                          // GET /api/1.0/me, {"data": {…}} or bare
      log.info("Calling Krebit as {} ({}) of {}", me.id(), me.name().orElse("-"),
          me.organization().flatMap(Me.Organization::name).orElse("-"));
      return me;
    } catch (KrebitForbiddenException e) {          // 403: the identity lacks a role
      log.warn("Forbidden: {} (request_id {})", e.serverMessage().orElse("-"), e.requestId().orElse("-"));
      throw e;
    }
  }
  // README:end api-client-quickstart

  private static Krebit krebit(FakeKrebitServer server) {
    return krebit(server.tenant(), TestClients.CLIENT_ID, () -> ClientSecret.of(TestClients.SECRET));
  }

  @Test
  void theClientCredentialsQuickstartGetsOneTokenForManyCalls(FakeKrebitServer server) {
    Krebit krebit = krebit(server);

    assertThat(authorizationHeader(krebit)).startsWith("Bearer ").isEqualTo(authorizationHeader(krebit));
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theQuickstartRunsAgainstTheFakeServer(FakeKrebitServer server) {
    Krebit krebit = krebit(server);
    Me me = firstCall(krebit);

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(me.organization().flatMap(Me.Organization::name)).contains(FakeKrebitServer.DEFAULT_ORGANIZATION_NAME);
    assertThat(server.journal().apiRequests()).extracting(r -> r.path()).containsExactly("/api/1.0/me");
    authorizationHeader(krebit);
    assertThat(server.journal().tokenRequestCount()).as("the client and the app's tokens share one source").isEqualTo(1);
  }

  @Test
  void theQuickstartsForbiddenBranchIsTheTypedError(FakeKrebitServer server) {
    server.requireRole("/api/1.0/me", "archivist");

    assertThatThrownBy(() -> firstCall(krebit(server)))
        .isInstanceOf(KrebitForbiddenException.class)
        .hasMessageContaining("archivist");
  }
}
