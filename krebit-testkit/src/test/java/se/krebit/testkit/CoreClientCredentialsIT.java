package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.testing.SettableClock;

/**
 * Core's client-credentials source against the fake, both on one settable clock: the kit's reason
 * to exist. Shows that the clock drives core's refresh-ahead timer without deadlocks.
 */
class CoreClientCredentialsIT {
  private static final Duration LIFETIME = Duration.ofSeconds(600);

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .tokenLifetime(LIFETIME)
          .build();

  private TokenSource source(FakeKrebitServer server, ClientCredentials client) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(new JdkTokenEndpoint(server.tokenEndpoint()))
        .client(client)
        .clock(server.clock()) // and, through DefaultScheduler.forClock, its scheduler
        .build();
  }

  @Test
  void obtainsATokenTheApiAcceptsAndCachesIt(FakeKrebitServer server) {
    TokenSource tokens = source(server, server.credentials("demo-client"));

    AccessToken token = tokens.token();

    assertThat(token.expiresAt()).isEqualTo(server.clock().instant().plus(LIFETIME));
    assertThat(
            Http.get(server.apiBaseUri().resolve("me"), token.authorizationHeader()).statusCode())
        .isEqualTo(200);
    assertThat(tokens.token()).isEqualTo(token);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void refreshesAheadOfExpiryWhenTheClockIsAdvanced(FakeKrebitServer server, SettableClock clock) {
    TokenSource tokens = source(server, server.credentials("demo-client"));
    AccessToken first = tokens.token();

    clock.advance(
        LIFETIME.minusSeconds(60)); // past refresh-ahead (at most 75 s before expiry), not expired

    await().atMost(Duration.ofSeconds(10)).until(() -> server.journal().tokenRequestCount() == 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> !tokens.token().equals(first));
    assertThat(server.journal().tokenRequests())
        .allSatisfy(r -> assertThat(r.status()).hasValue(200));
  }

  @Test
  void obtainsOneNewTokenAfterTheApiRejectsARevokedOne(FakeKrebitServer server) {
    TokenSource tokens = source(server, server.credentials("demo-client"));
    AccessToken revoked = tokens.token();
    server.revoke(revoked);
    assertThat(
            Http.get(server.apiBaseUri().resolve("me"), revoked.authorizationHeader()).statusCode())
        .isEqualTo(401);

    tokens.invalidate(revoked);
    AccessToken fresh = tokens.token();

    assertThat(fresh).isNotEqualTo(revoked);
    assertThat(
            Http.get(server.apiBaseUri().resolve("me"), fresh.authorizationHeader()).statusCode())
        .isEqualTo(200);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void reportsAWrongSecretAsInvalidClient(FakeKrebitServer server) {
    TokenSource tokens = source(server, ClientCredentials.of("demo-client", "wrong-secret"));

    assertThatThrownBy(tokens::token)
        .isInstanceOf(InvalidClientException.class)
        .hasMessageNotContaining("wrong-secret");
  }
}
