package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ReauthorizationRequiredException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;

/**
 * What the README's security section says a restore of a row together with its version does, in
 * PostgreSQL with the real flow against the fake: the row is self-consistent, so it decrypts (the
 * associated data binds tenant, client, subject and version, all restored alike) and yields the
 * refresh token Krebit already rotated; the next refresh presents it, a server with reuse detection
 * refuses it and revokes the family, and the user must sign in again. No token leaks; nothing is
 * redeemed twice without the server noticing. A ciphertext put back without its version stays
 * refused ({@code EncryptionAtRestContract}).
 */
class RestoredRowIT {
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final PostgresFlow cluster = new PostgresFlow("restored-row", LIFETIME);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aRowRestoredWithItsVersionDecryptsAndItsStaleRefreshTokenCostsANewSignIn() {
    AuthorizationCodeFlow flow = cluster.signedIn("alice");
    TokenKey alice = cluster.key("alice");
    JdbcTokenStore store = cluster.store();
    RefreshToken backedUp = store.load(alice).orElseThrow().tokens().refreshToken().orElseThrow();
    String tokens = cluster.schema.name() + ".krebit_tokens";
    String backup = cluster.schema.name() + ".backup";
    cluster.schema.execute(
        "CREATE TABLE " + backup + " AS SELECT * FROM " + tokens); // a backup, taken now
    cluster.clock.advance(LIFETIME);
    AccessToken rotated =
        flow.forSubject("alice").token(); // refreshed: Krebit retired the backed-up token

    // restored from it: the row as it was, version and all
    cluster.schema.execute(
        "UPDATE "
            + tokens
            + " t SET version = b.version, key_id = b.key_id,"
            + " token_record = b.token_record, access_expires_at = b.access_expires_at, refresh_lease_owner = b.refresh_lease_owner,"
            + " refresh_lease_expires_at = b.refresh_lease_expires_at,"
            + " reauthorization_required = b.reauthorization_required FROM "
            + backup
            + " b WHERE t.subject = b.subject");

    assertThat(store.load(alice).orElseThrow().tokens().refreshToken())
        .as("decrypts: nothing tells it apart")
        .contains(backedUp);
    AuthorizationCodeFlow anotherNode = cluster.flow(RefreshPolicy.ofDefaults());
    cluster.clock.advance(LIFETIME);
    assertThatThrownBy(() -> anotherNode.forSubject("alice").token())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ReauthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED));
    assertThat(cluster.krebit.invalidGrants()).as("the server saw the reuse").hasSize(1);
    assertThat(cluster.krebit.refusedByTheApi(Map.of("alice", rotated)))
        .as("and revoked the family")
        .containsExactly("alice");
    assertThat(store.load(alice).orElseThrow().record().reauthorizationRequired()).isTrue();
  }
}
