package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.json;
import static se.krebit.testkit.UserFlow.error;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.UserFlow.Tokens;

/** {@code POST /oauth/token} with {@code grant_type=refresh_token}, rotating as by default. */
class RefreshTokenGrantIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .app("other-client", "other-secret")
          .redirectUri("demo-client", UserFlow.REDIRECT)
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @BeforeEach
  void approveAsAlice() {
    server.consent().approveAs("alice", Set.of("signer"));
  }

  @Test
  void rotatesTheRefreshTokenOnEveryOneOfAHundredRefreshes() {
    Tokens tokens = flow.signIn();
    String familyId = server.tokenFamily(tokens.refresh()).orElseThrow();
    Set<String> seen = new HashSet<>(Set.of(tokens.accessToken(), tokens.refresh()));

    for (int i = 0; i < 100; i++) {
      Tokens next = Tokens.of(flow.refresh(tokens.refresh()));
      assertThat(seen.add(next.accessToken())).as("a new access token").isTrue();
      assertThat(seen.add(next.refresh())).as("a new refresh token").isTrue();
      assertThat(flow.me(next.accessToken()).statusCode()).isEqualTo(200);
      tokens = next;
    }

    assertThat(server.journal().refreshRedemptions(familyId)).isEqualTo(100);
    assertThat(server.journal().refreshRedemptionsOfUser("alice")).isEqualTo(100);
    assertThat(server.journal().refreshRedemptions()).isEqualTo(100);
    assertThat(server.tokenFamily(tokens.refresh())).contains(familyId);
  }

  @Test
  void answersWithTheGuidesShape() {
    Tokens tokens = Tokens.of(flow.redeem(flow.code("state=s&scope=read+sign"), Optional.empty()));

    HttpResponse<String> response = flow.refresh(tokens.refresh());

    assertThat(json(response))
        .containsOnlyKeys("token_type", "expires_in", "access_token", "refresh_token", "scope")
        .containsEntry("scope", "read sign");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void reusingARetiredRefreshTokenRevokesTheWholeFamily() {
    Tokens first = flow.signIn();
    Tokens second = Tokens.of(flow.refresh(first.refresh()));
    Tokens third = Tokens.of(flow.refresh(second.refresh()));
    Tokens otherSignIn = flow.signIn();

    HttpResponse<String> reuse = flow.refresh(first.refresh());

    assertThat(error(reuse, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(reuse).get("error_description")).contains("used already");
    for (Tokens tokens : new Tokens[] {first, second, third}) {
      assertThat(flow.me(tokens.accessToken()).statusCode()).isEqualTo(401);
    }
    assertThat(flow.me(third.accessToken()).headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("revoked");
    assertThat(error(flow.refresh(third.refresh()), 400)).isEqualTo("invalid_grant");
    assertThat(flow.me(otherSignIn.accessToken()).statusCode()).isEqualTo(200);
    assertThat(flow.refresh(otherSignIn.refresh()).statusCode()).isEqualTo(200);
    RecordedTokenRequest entry =
        server.journal().tokenRequests().stream()
            .filter(r -> r.error().isPresent())
            .findFirst()
            .orElseThrow();
    assertThat(entry.familyId()).isEqualTo(server.tokenFamily(first.refresh()));
    assertThat(entry.userId()).contains("alice");
  }

  @Test
  void ofTwoRefreshesWithOneTokenOneWinsAndTheOtherRevokesTheFamily() {
    Tokens tokens = flow.signIn();

    Tokens winner = Tokens.of(flow.refresh(tokens.refresh()));
    HttpResponse<String> loser = flow.refresh(tokens.refresh());

    assertThat(error(loser, 400)).isEqualTo("invalid_grant");
    assertThat(flow.me(winner.accessToken()).statusCode()).isEqualTo(401);
    assertThat(
            server.journal().refreshRedemptions(server.tokenFamily(tokens.refresh()).orElseThrow()))
        .isEqualTo(1);
  }

  @Test
  void aRefreshTokenIsBoundToItsClient() {
    Tokens tokens = flow.signIn();

    HttpResponse<String> stolen = flow.refreshAs("other-client", "other-secret", tokens.refresh());

    assertThat(error(stolen, 400)).isEqualTo("invalid_grant");
    assertThat(flow.refresh(tokens.refresh()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesUnknownAndMissingRefreshTokens() {
    assertThat(error(flow.refresh("made-up"), 400)).isEqualTo("invalid_grant");
    assertThat(
            error(
                Http.postJson(
                    server.tokenEndpoint(),
                    "{\"grant_type\":\"refresh_token\",\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\"}"),
                400))
        .isEqualTo("invalid_request");
    assertThat(error(flow.refreshAs("demo-client", "wrong", "made-up"), 401))
        .isEqualTo("invalid_client");
  }

  @Test
  void refreshesWithAFormBody() {
    Tokens tokens = flow.signIn();

    HttpResponse<String> response =
        Http.postForm(
            server.tokenEndpoint(),
            "grant_type=refresh_token&client_id=demo-client&client_secret=demo-secret&refresh_token="
                + tokens.refresh());

    assertThat(Tokens.of(response).refresh()).isNotEqualTo(tokens.refresh());
  }

  @Test
  void mayNarrowButNotWidenTheScope() {
    Tokens tokens = Tokens.of(flow.redeem(flow.code("state=s&scope=read+sign"), Optional.empty()));

    HttpResponse<String> wider = flow.refreshWithScope(tokens.refresh(), "read admin");
    Tokens narrower = Tokens.of(flow.refreshWithScope(tokens.refresh(), "read"));
    Tokens unchanged = Tokens.of(flow.refresh(narrower.refresh()));

    assertThat(error(wider, 400)).isEqualTo("invalid_scope");
    assertThat(narrower.scope()).contains("read");
    assertThat(unchanged.scope()).contains("read sign");
  }

  @Test
  void revokingAFamilyRefusesItsTokens() {
    Tokens tokens = flow.signIn();
    Tokens other = flow.signIn();

    assertThat(server.revokeFamily(server.tokenFamily(tokens.refresh()).orElseThrow())).isTrue();

    assertThat(flow.me(tokens.accessToken()).statusCode()).isEqualTo(401);
    assertThat(error(flow.refresh(tokens.refresh()), 400)).isEqualTo("invalid_grant");
    assertThat(flow.me(other.accessToken()).statusCode()).isEqualTo(200);
    assertThat(server.revokeFamily("fam_0000000000000000")).isFalse();
  }

  @Test
  void revokingAUserRefusesAllItsTokensAndCodesButNotLaterOnes() {
    server.consent().approveAs("erin", Set.of()); // a user no other test of this server signs in
    Tokens first = flow.signIn();
    Tokens second = flow.signIn();
    String pendingCode = flow.code();
    server.consent().approveAs("bob", Set.of());
    Tokens bobs = flow.signIn();

    assertThat(server.revokeUser("erin")).isEqualTo(3);

    assertThat(flow.me(first.accessToken()).statusCode()).isEqualTo(401);
    assertThat(flow.me(second.accessToken()).statusCode()).isEqualTo(401);
    assertThat(error(flow.redeem(pendingCode, Optional.empty()), 400)).isEqualTo("invalid_grant");
    assertThat(flow.me(bobs.accessToken()).statusCode()).isEqualTo(200);
    assertThat(server.revokeUser("erin")).isZero();
    server.consent().approveAs("erin", Set.of());
    assertThat(flow.me(flow.signIn().accessToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void resetLiftsRevocations() {
    Tokens tokens = flow.signIn();
    server.revokeUser("alice");

    server.reset();

    assertThat(flow.me(tokens.accessToken()).statusCode()).isEqualTo(200);
    assertThat(flow.refresh(tokens.refresh()).statusCode()).isEqualTo(200);
  }

  @Test
  void appTokensBelongToNoFamily() {
    assertThat(server.tokenFamily(server.issueToken("demo-client").value())).isEmpty();
    assertThat(server.tokenFamily("never-issued")).isEmpty();
  }
}
