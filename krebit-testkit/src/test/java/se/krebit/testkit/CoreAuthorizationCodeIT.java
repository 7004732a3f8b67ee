package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.JsonBodies.data;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCallbackException;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.CompletedAuthorization;
import se.krebit.auth.ReauthorizationRequiredException;
import se.krebit.auth.TokenSource;

/**
 * Core's authorization-code flow against the fake, on one settable clock, a test playing the
 * browser: what core sends is what the fake checks.
 */
class CoreAuthorizationCodeIT {
  private static final Duration LIFETIME = Duration.ofSeconds(600);
  private static final URI REDIRECT = URI.create(UserFlow.REDIRECT);

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .redirectUri("demo-client", UserFlow.REDIRECT)
          .userRoles("alice", "signer")
          .tokenLifetime(LIFETIME)
          .build();

  private AuthorizationCodeFlow flow(FakeKrebitServer server) {
    return AuthorizationCodeFlow.builder()
        .tenant(server.tenant())
        .client(server.credentials("demo-client"))
        .endpoint(new JdkTokenEndpoint(server.tokenEndpoint()))
        .redirectUri(REDIRECT)
        .clock(server.clock())
        .build();
  }

  /** The browser's part: follow the authorize URL once, return where the fake redirects to. */
  private static URI callback(AuthorizationRedirect redirect) {
    HttpResponse<String> response = Http.get(redirect.uri());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return URI.create(UserFlow.location(response));
  }

  @Test
  void signsInWithPkceAndServesTheUsersTokens(FakeKrebitServer server) {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server);

    CompletedAuthorization done =
        flow.complete(callback(flow.begin(REDIRECT, "user-1", Set.of("sign"), Optional.empty())));
    AccessToken token = flow.forSubject("user-1").token();

    assertThat(done.subject()).isEqualTo("user-1");
    assertThat(done.scope()).containsExactly("sign");
    HttpResponse<String> me =
        Http.get(server.apiBaseUri().resolve("me"), token.authorizationHeader());
    assertThat(data(me)).containsEntry("id", "alice").containsEntry("name", "alice");
    RecordedAuthorizeRequest authorize = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(authorize.codeChallengeMethod()).contains("S256");
    assertThat(authorize.statePresent()).isTrue();
    assertThat(server.journal().lastTokenRequest().orElseThrow().grantType())
        .contains("authorization_code");
  }

  @Test
  void refreshesWithRotationOnceTheTokenExpires(FakeKrebitServer server) {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server);
    flow.complete(callback(flow.begin(REDIRECT, "user-2")));
    TokenSource tokens = flow.forSubject("user-2");
    AccessToken first = tokens.token();
    String familyId = server.tokenFamily(first.value()).orElseThrow();

    server.clock().advance(LIFETIME);
    AccessToken second = tokens.token();

    assertThat(second).isNotEqualTo(first);
    assertThat(
            Http.get(server.apiBaseUri().resolve("me"), second.authorizationHeader()).statusCode())
        .isEqualTo(200);
    assertThat(server.journal().refreshRedemptions(familyId)).isEqualTo(1);
  }

  @Test
  void aRevokedFamilyMeansTheUserMustSignInAgain(FakeKrebitServer server) {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server);
    flow.complete(callback(flow.begin(REDIRECT, "user-3")));
    TokenSource tokens = flow.forSubject("user-3");
    server.revokeFamily(server.tokenFamily(tokens.token().value()).orElseThrow());

    server.clock().advance(LIFETIME);

    assertThatThrownBy(tokens::token).isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void aDeniedConsentReachesCoreAsAccessDenied(FakeKrebitServer server) {
    server.consent().deny();
    AuthorizationCodeFlow flow = flow(server);
    URI callback = callback(flow.begin(REDIRECT, "user-4"));

    assertThatThrownBy(() -> flow.complete(callback))
        .isInstanceOfSatisfying(
            AuthorizationCallbackException.AuthorizationError.class,
            e -> assertThat(e.isAccessDenied()).isTrue());
  }
}
