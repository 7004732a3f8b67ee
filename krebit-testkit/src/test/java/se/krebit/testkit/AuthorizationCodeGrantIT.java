package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.json;
import static se.krebit.testkit.UserFlow.REDIRECT;
import static se.krebit.testkit.UserFlow.error;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.Fingerprint;

/** {@code POST /oauth/token} with {@code grant_type=authorization_code}. */
class AuthorizationCodeGrantIT {
  private static final Duration LIFETIME = Duration.ofSeconds(900);

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .app("other-client", "other-secret")
          .redirectUri("demo-client", REDIRECT)
          .redirectUri("demo-client", "http://127.0.0.1:9999/other-cb")
          .redirectUri("other-client", REDIRECT)
          .tokenLifetime(LIFETIME)
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @BeforeEach
  void approveAsAlice() {
    server.consent().approveAs("alice", Set.of("signer"));
  }

  @Test
  void redeemsACodeForAccessAndRefreshTokensWithTheGuidesJsonRequest() {
    String code = flow.code("state=s&scope=read+sign");

    HttpResponse<String> response = flow.redeem(code, Optional.empty());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    Map<String, Object> json = json(response);
    assertThat(json)
        .containsOnlyKeys("token_type", "expires_in", "access_token", "refresh_token", "scope")
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 900L)
        .containsEntry("scope", "read sign");
    assertThat((String) json.get("access_token")).matches("[A-Za-z0-9_-]{43}");
    assertThat((String) json.get("refresh_token"))
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(json.get("access_token"));
    assertThat(response.body())
        .startsWith("{\"token_type\":\"Bearer\",\"expires_in\":900,\"access_token\":");
  }

  @Test
  void leavesScopeOutWhenNoneWasAskedFor() {
    assertThat(json(flow.redeem(flow.code(), Optional.empty())))
        .doesNotContainKey("scope")
        .containsKey("refresh_token");
  }

  @Test
  void redeemsACodeWithAFormBodyAndBasicAuthentication() {
    String code = flow.code();

    HttpResponse<String> response =
        Http.postFormWithBasic(
            server.tokenEndpoint(),
            "grant_type=authorization_code&code="
                + code
                + "&redirect_uri="
                + UserFlow.encode(REDIRECT),
            "demo-client",
            "demo-secret");

    assertThat(UserFlow.Tokens.of(response).refreshToken()).isPresent();
  }

  @Test
  void theAccessTokenIsTheConsentingUsers() {
    UserFlow.Tokens tokens = flow.signIn();

    HttpResponse<String> me = flow.me(tokens.accessToken());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body())
        .isEqualTo(
            "{\n\"data\": {\n\"id\": \"alice\",\n\"name\": \"alice\",\n"
                + "\"email\": \"alice@example.com\",\n\"organization\": {\n\"id\": \""
                + FakeKrebitServer.DEFAULT_ORGANIZATION_ID
                + "\",\n\"name\": \"YourCo\"\n},\n\"roles\": [\"signer\"]\n}\n}");
  }

  @Test
  void aCodeIsSingleUseAndItsSecondRedemptionRevokesItsTokens() {
    String code = flow.code();
    UserFlow.Tokens tokens = UserFlow.Tokens.of(flow.redeem(code, Optional.empty()));

    HttpResponse<String> again = flow.redeem(code, Optional.empty());

    assertThat(error(again, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(again).get("error_description")).contains("used already");
    assertThat(flow.me(tokens.accessToken()).statusCode()).isEqualTo(401);
    assertThat(error(flow.refresh(tokens.refresh()), 400)).isEqualTo("invalid_grant");
    assertThat(server.journal().lastTokenRequest().orElseThrow().familyId())
        .isEqualTo(server.tokenFamily(code));
  }

  @Test
  void aCodeExpiresSixtySecondsAfterItsIssue() {
    String fresh = flow.code("state=1");
    String stale = flow.code("state=2");

    server.clock().advance(FakeKrebitServer.CODE_LIFETIME.minusMillis(1));
    assertThat(flow.redeem(fresh, Optional.empty()).statusCode()).isEqualTo(200);
    server.clock().advance(Duration.ofMillis(1));
    HttpResponse<String> response = flow.redeem(stale, Optional.empty());

    assertThat(error(response, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(response).get("error_description")).contains("expired");
  }

  @Test
  void aCodeExpiredLongAgoIsRefusedToo() {
    String code = flow.code();

    server.clock().advance(Duration.ofSeconds(61));

    assertThat(error(flow.redeem(code, Optional.empty()), 400)).isEqualTo("invalid_grant");
  }

  @Test
  void aCodeIsBoundToItsClientAndStaysGoodForIt() {
    String code = flow.code();

    HttpResponse<String> stolen =
        flow.redeemAs("other-client", "other-secret", code, REDIRECT, Optional.empty());

    assertThat(error(stolen, 400)).isEqualTo("invalid_grant");
    assertThat(flow.redeem(code, Optional.empty()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9999/other-cb",
        "http://127.0.0.1:9999/cb/",
        "http://127.0.0.1:9999/CB"
      })
  void aCodeIsBoundToTheExactRedirectUriOfItsRequest(String otherUri) {
    String code = flow.code();

    HttpResponse<String> response =
        flow.redeemAs("demo-client", "demo-secret", code, otherUri, Optional.empty());

    assertThat(error(response, 400)).isEqualTo("invalid_grant");
    assertThat(flow.redeem(code, Optional.empty()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesUnknownCodes() {
    assertThat(error(flow.redeem("made-up-code", Optional.empty()), 400))
        .isEqualTo("invalid_grant");
  }

  @Test
  void missingParametersAreInvalidRequests() {
    String code = flow.code();

    assertThat(
            error(
                Http.postJson(
                    server.tokenEndpoint(),
                    "{\"grant_type\":\"authorization_code\","
                        + "\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\",\"redirect_uri\":\""
                        + REDIRECT
                        + "\"}"),
                400))
        .isEqualTo("invalid_request");
    assertThat(
            error(
                Http.postJson(
                    server.tokenEndpoint(),
                    "{\"grant_type\":\"authorization_code\","
                        + "\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\",\"code\":\""
                        + code
                        + "\"}"),
                400))
        .isEqualTo("invalid_request");
    assertThat(flow.redeem(code, Optional.empty()).statusCode()).isEqualTo(200);
  }

  @Test
  void clientAuthenticationFailsBeforeTheCodeIsLookedAt() {
    String code = flow.code();

    assertThat(error(flow.redeemAs("demo-client", "wrong", code, REDIRECT, Optional.empty()), 401))
        .isEqualTo("invalid_client");
    assertThat(flow.redeem(code, Optional.empty()).statusCode()).isEqualTo(200);
  }

  @Test
  void aCodeIssuedWithAChallengeNeedsTheRightVerifier() {
    CodeVerifier verifier = new CodeVerifier();
    String code =
        flow.code("state=s&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");

    HttpResponse<String> missing = flow.redeem(code, Optional.empty());
    HttpResponse<String> wrong = flow.redeem(code, Optional.of(new CodeVerifier().getValue()));
    HttpResponse<String> malformed = flow.redeem(code, Optional.of("too-short"));
    HttpResponse<String> right = flow.redeem(code, Optional.of(verifier.getValue()));

    assertThat(error(missing, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(missing).get("error_description"))
        .contains("code_verifier is missing");
    assertThat(error(wrong, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(wrong).get("error_description")).contains("does not match");
    assertThat(error(malformed, 400)).isEqualTo("invalid_grant");
    assertThat(right.statusCode()).isEqualTo(200);
  }

  @Test
  void aCodeIssuedWithoutAChallengeRefusesAVerifier() {
    String code = flow.code();

    HttpResponse<String> response = flow.redeem(code, Optional.of(new CodeVerifier().getValue()));

    assertThat(error(response, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(response).get("error_description")).contains("no code_challenge");
  }

  @Test
  void ofSixteenConcurrentRedemptionsOfOneCodeExactlyOneWins() throws Exception {
    int threads = 16;
    String code = flow.code();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<CompletableFuture<HttpResponse<String>>> redemptions = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        redemptions.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return flow.redeem(code, Optional.empty());
                },
                pool));
      }
      CompletableFuture.allOf(redemptions.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<Integer> statuses = redemptions.stream().map(f -> f.join().statusCode()).toList();
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 400).hasSize(threads - 1);
    assertThat(server.journal().tokenRequests())
        .filteredOn(RecordedTokenRequest::issuedToken)
        .hasSize(1);
    // the losers presented a code that was used: the winner's tokens are revoked too (RFC 6749
    // §4.1.2)
    String winner =
        redemptions.stream()
            .map(CompletableFuture::join)
            .filter(r -> r.statusCode() == 200)
            .map(r -> (String) json(r).get("access_token"))
            .findFirst()
            .orElseThrow();
    assertThat(flow.me(winner).statusCode()).isEqualTo(401);
  }

  @Test
  void journalsTheUserAndFamilyWithFingerprintsOnly() {
    String code = flow.code();
    String familyId = server.tokenFamily(code).orElseThrow();
    UserFlow.Tokens tokens = UserFlow.Tokens.of(flow.redeem(code, Optional.empty()));

    RecordedTokenRequest entry = server.journal().lastTokenRequest().orElseThrow();
    assertThat(entry.grantType()).contains("authorization_code");
    assertThat(entry.userId()).contains("alice");
    assertThat(entry.familyId()).contains(familyId);
    assertThat(familyId).matches("fam_[0-9a-f]{16}");
    assertThat(entry.issuedTokenFingerprint()).contains(Fingerprint.of(tokens.accessToken()));
    assertThat(entry.issuedRefreshTokenFingerprint()).contains(Fingerprint.of(tokens.refresh()));
    assertThat(server.tokenFamily(tokens.accessToken())).contains(familyId);
    assertThat(server.tokenFamily(tokens.refresh())).contains(familyId);
    assertThat(server.journal().tokenRequests().toString() + server.journal().authorizeRequests())
        .doesNotContain(code)
        .doesNotContain(tokens.accessToken())
        .doesNotContain(tokens.refresh());
  }

  private static String challenge(CodeVerifier verifier) {
    return CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
