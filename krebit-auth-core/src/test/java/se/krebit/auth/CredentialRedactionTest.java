package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenResponse;

/** Every value that holds a credential prints a fingerprint at most, never the credential. */
class CredentialRedactionTest {
  private static final String SECRET = "planted-client-secret-4711";
  private static final String ACCESS = "planted-access-token-4711";
  private static final String REFRESH = "planted-refresh-token-4711";
  private static final String CODE = "planted-code-4711";
  private static final String VERIFIER = "planted-verifier-4711";
  private static final String STATE = "planted-state-4711";
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void noValueTypePrintsACredential() {
    AccessToken access = new AccessToken(ACCESS, "Bearer", NOW);
    TokenSet set =
        new TokenSet(access, Optional.of(new RefreshToken(REFRESH)), Set.of("read"), NOW);
    Object[] printed = {
      ClientSecret.of(SECRET),
      ClientCredentials.of("app", SECRET),
      access,
      new RefreshToken(REFRESH),
      set,
      new StoredTokens(
          new TokenKey("acme", "app", "alice"), se.krebit.auth.spi.TokenRecord.of(set), 1),
      new TokenResponse(
          ACCESS,
          Duration.ofSeconds(60),
          Optional.of(new RefreshToken(REFRESH)),
          Set.of(),
          Optional.empty()),
      new AuthorizationCodeGrant(CODE, URI.create("https://app.example/cb"), Optional.of(VERIFIER)),
      new RefreshTokenGrant(new RefreshToken(REFRESH), Set.of()),
      new PendingAuthorization(
          STATE,
          URI.create("https://app.example/cb"),
          "alice",
          Optional.of(VERIFIER),
          Optional.empty(),
          Set.of(),
          NOW,
          NOW.plusSeconds(600)),
    };

    for (Object value : printed) {
      assertThat(value.toString())
          .as(value.getClass().getSimpleName())
          .doesNotContain(SECRET, ACCESS, REFRESH, CODE, VERIFIER, STATE);
    }
  }

  @Test
  void fingerprintsTellTokensApartWithoutRevealingThem() {
    AccessToken one = new AccessToken(ACCESS, "Bearer", NOW);
    AccessToken two = new AccessToken(ACCESS + "x", "Bearer", NOW);

    assertThat(one.fingerprint()).hasSize(8).isNotEqualTo(two.fingerprint());
    assertThat(one.toString()).contains(one.fingerprint());
  }

  @Test
  void secretsCompareByValue() {
    assertThat(ClientSecret.of(SECRET))
        .isEqualTo(ClientSecret.of(SECRET))
        .isNotEqualTo(ClientSecret.of("other"));
  }
}
