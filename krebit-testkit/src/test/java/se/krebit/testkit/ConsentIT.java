package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.UserFlow.callback;
import static se.krebit.testkit.UserFlow.location;
import static se.krebit.testkit.UserFlow.query;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripted consent, and the consent page a person answers in a browser. */
class ConsentIT {
  private static final Pattern HANDLE =
      Pattern.compile("name=\"consent\" value=\"([A-Za-z0-9_-]+)\"");

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .redirectUri("demo-client", UserFlow.REDIRECT)
          .userRoles("bob", "reader", "reader") // repeats are harmless
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @Test
  void approvesEveryRequestAsTheScriptedUserUntilChanged() {
    server.consent().approveAs("alice", Set.of("signer"));

    String first = flow.code("state=1");
    String second = flow.code("state=2");
    server.consent().approveAs("carol", Set.of());
    String third = flow.code("state=3");

    assertThat(first).isNotEqualTo(second);
    assertThat(identity(first))
        .containsEntry("id", "alice")
        .containsEntry("roles", List.of("signer"));
    assertThat(identity(second)).containsEntry("id", "alice");
    assertThat(identity(third)).containsEntry("id", "carol").doesNotContainKey("roles");
  }

  @Test
  void approvesAsAUserWithTheRolesTheBuilderGaveIt() {
    server.consent().approveAs("bob");

    assertThat(identity(flow.code()))
        .containsEntry("id", "bob")
        .containsEntry("roles", List.of("reader"));
  }

  @Test
  void playsOneTimeDecisionsFirstThenTheStandingOne() {
    server.consent().approveAs("alice", Set.of());
    server.consent().approveNextAs("dave", Set.of("admin"));
    server.consent().denyNext();

    String first = flow.code("state=1");
    HttpResponse<String> second = flow.authorize(query("state=2"));
    String third = flow.code("state=3");

    assertThat(identity(first))
        .containsEntry("id", "dave")
        .containsEntry("roles", List.of("admin"));
    assertThat(callback(second))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "2");
    assertThat(identity(third)).containsEntry("id", "alice");
    assertThat(server.consent().queued()).isZero();
  }

  @Test
  void deniesWithAccessDeniedTheDescriptionAndTheState() {
    server.consent().deny();

    HttpResponse<String> response = flow.authorize(query("state=abc%2Fdef"));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(location(response))
        .startsWith(UserFlow.REDIRECT + "?error=access_denied&error_description=")
        .endsWith("&state=abc%2Fdef");
    assertThat(callback(response)).containsEntry("error_description", ConsentScript.DENIED);
    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(entry.outcome()).isEqualTo(AuthorizeOutcome.ERROR_REDIRECT);
    assertThat(entry.error()).contains("access_denied");
    assertThat(entry.userId()).isEmpty();
  }

  @Test
  void showsAConsentPageWhenNothingIsScripted() {
    HttpResponse<String> page = flow.authorize(query("state=s&scope=read+sign"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.body())
        .contains(
            "<form method=\"post\" action=\"/oauth/authorize/decision\">",
            "demo-client",
            "read sign",
            UserFlow.REDIRECT,
            "value=\"approve\"",
            "value=\"deny\"",
            "value=\"bob\"");
    assertThat(server.journal().lastAuthorizeRequest().orElseThrow().outcome())
        .isEqualTo(AuthorizeOutcome.CONSENT_PAGE);
  }

  @Test
  void approvingOnThePageRedirectsWithACodeForTheUserNamed() {
    String handle = handle(flow.authorize(query("state=page-state")));

    HttpResponse<String> response = decide("consent=" + handle + "&user=bob&decision=approve");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(location(response)).endsWith("&state=page-state");
    assertThat(identity(callback(response).get("code")))
        .containsEntry("id", "bob")
        .containsEntry("roles", List.of("reader"));
    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(entry.path()).isEqualTo("/oauth/authorize/decision");
    assertThat(entry.outcome()).isEqualTo(AuthorizeOutcome.CODE);
    assertThat(entry.clientId()).contains("demo-client");
    assertThat(entry.statePresent()).isTrue();
    assertThat(entry.userId()).contains("bob");
  }

  @Test
  void denyingOnThePageRedirectsWithAccessDenied() {
    String handle = handle(flow.authorize(query("state=s")));

    HttpResponse<String> response = decide("consent=" + handle + "&user=bob&decision=deny");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(callback(response))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "s");
  }

  @Test
  void aConsentPageCanBeAnsweredOnce() {
    String handle = handle(flow.authorize(query("state=s")));
    decide("consent=" + handle + "&user=bob&decision=approve");

    HttpResponse<String> again = decide("consent=" + handle + "&user=bob&decision=approve");

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.headers().firstValue("Location")).isEmpty();
    assertThat(again.body()).contains("unknown, expired or answered already");
  }

  @Test
  void aConsentPageExpiresAfterTenMinutes() {
    String handle = handle(flow.authorize(query("state=s")));

    server.clock().advance(Duration.ofMinutes(PendingConsents.LIFETIME_MINUTES));

    assertThat(decide("consent=" + handle + "&user=bob&decision=approve").statusCode())
        .isEqualTo(400);
  }

  @Test
  void refusesAFormWithoutAUserOrDecisionAndKeepsTheRequestPending() {
    String handle = handle(flow.authorize(query("state=s")));

    assertThat(decide("consent=" + handle + "&user=+&decision=approve").statusCode())
        .isEqualTo(400);
    assertThat(decide("consent=" + handle + "&user=bob&decision=maybe").statusCode())
        .isEqualTo(400);
    assertThat(decide("consent=made-up&user=bob&decision=approve").statusCode()).isEqualTo(400);
    assertThat(decide("user=bob&decision=approve").statusCode()).isEqualTo(400);
    assertThat(decide("consent=" + handle + "&user=bob&decision=approve").statusCode())
        .isEqualTo(303);
  }

  @Test
  void theDecisionTakesAPostedFormOnly() {
    String handle = handle(flow.authorize(query("state=s")));

    assertThat(
            Http.get(server.baseUri().resolve("oauth/authorize/decision?consent=" + handle))
                .statusCode())
        .isEqualTo(405);
    assertThat(
            Http.postJson(
                    server.baseUri().resolve("oauth/authorize/decision"),
                    "{\"consent\":\"" + handle + "\",\"decision\":\"approve\",\"user\":\"bob\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void resetForgetsScriptedConsentAndOpenPages() {
    String handle = handle(flow.authorize(query("state=s")));
    server.consent().approveAs("alice", Set.of());
    server.consent().denyNext();

    server.reset();

    assertThat(server.consent().queued()).isZero();
    assertThat(server.consent().toString()).contains("consent page");
    assertThat(flow.authorize(query("state=s")).statusCode()).isEqualTo(200);
    assertThat(decide("consent=" + handle + "&user=bob&decision=approve").statusCode())
        .isEqualTo(400);
  }

  @Test
  void showConsentPageForgetsWhatWasScripted() {
    server.consent().approveAs("alice", Set.of());
    server.consent().denyNext();

    server.consent().showConsentPage();

    assertThat(flow.authorize(query("state=s")).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesMalformedScripts() {
    assertThatThrownBy(() -> server.consent().approveAs(" ", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.consent().approveAs("alice", Set.of("")))
        .hasMessageContaining("roles");
    assertThatThrownBy(() -> server.consent().approveNextAs("a\nb", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAutoApprovingServerComesBackToItsAutoApprovalAfterReset() {
    try (FakeKrebitServer auto =
        FakeKrebitServer.builder()
            .app("demo-client", "demo-secret")
            .redirectUri("demo-client", UserFlow.REDIRECT)
            .userRoles("alice", "signer")
            .autoApprove("alice")
            .build()
            .start()) {
      UserFlow autoFlow = new UserFlow(auto);
      auto.consent().deny();
      assertThat(callback(autoFlow.authorize(query("state=s"))))
          .containsEntry("error", "access_denied");

      auto.reset();

      String code = autoFlow.code();
      HttpResponse<String> me =
          autoFlow.me(UserFlow.Tokens.of(autoFlow.redeem(code, Optional.empty())).accessToken());
      assertThat(data(me)).containsEntry("id", "alice").containsEntry("roles", List.of("signer"));
    }
  }

  private HttpResponse<String> decide(String form) {
    return Http.postForm(server.baseUri().resolve("oauth/authorize/decision"), form);
  }

  private static String handle(HttpResponse<String> page) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Matcher matcher = HANDLE.matcher(page.body());
    assertThat(matcher.find()).as("a consent handle in " + page.body()).isTrue();
    return matcher.group(1);
  }

  /** The identity {@code /me} shows for the tokens {@code code} is redeemed for. */
  private Map<String, Object> identity(String code) {
    HttpResponse<String> me =
        flow.me(UserFlow.Tokens.of(flow.redeem(code, Optional.empty())).accessToken());
    assertThat(me.statusCode()).isEqualTo(200);
    return data(me);
  }
}
