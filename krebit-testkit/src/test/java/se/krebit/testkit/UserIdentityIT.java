package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.JsonBodies.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API for user tokens: {@code /me} shows the consenting user, and role requirements apply to
 * the user's roles.
 */
class UserIdentityIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret", "app-role")
          .redirectUri("demo-client", UserFlow.REDIRECT)
          .requireRole("/api/1.0/packages", "signer")
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @Test
  void meShowsTheUserWithTheRolesOfTheConsentNotTheApps() {
    server.consent().approveAs("alice", Set.of("signer", "reader"));

    HttpResponse<String> me = flow.me(flow.signIn().accessToken());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(data(me))
        .containsEntry("id", "alice")
        .containsEntry("email", "alice@example.com")
        .containsEntry("roles", List.of("reader", "signer"));
    assertThat(server.journal().lastApiRequest().orElseThrow().clientId()).contains("demo-client");
  }

  @Test
  void appTokensOfTheSameClientStillShowTheApp() {
    assertThat(data(flow.me(server.issueToken("demo-client").value())))
        .containsEntry("id", "app_demo-client")
        .containsEntry("roles", List.of("app-role"));
  }

  @Test
  void roleRequirementsApplyToTheUsersRoles() {
    server.stub("GET", "/api/1.0/packages").respond(200, "[]");
    server.consent().approveAs("alice", Set.of("signer"));
    String alice = flow.signIn().accessToken();
    server.consent().approveAs("bob", Set.of("app-role"));
    String bob = flow.signIn().accessToken();
    server.requireRole("/api/1.0/me", "signer");

    HttpResponse<String> forbidden =
        Http.get(server.apiBaseUri().resolve("packages"), "Bearer " + bob);

    assertThat(Http.get(server.apiBaseUri().resolve("packages"), "Bearer " + alice).statusCode())
        .isEqualTo(200);
    assertThat(flow.me(alice).statusCode()).isEqualTo(200);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat((String) json(forbidden).get("message"))
        .contains("user 'bob'", "demo-client", "signer");
    assertThat(flow.me(bob).statusCode()).isEqualTo(403);
  }

  @Test
  void userTokensExpireOnTheClockLikeAppTokens() {
    server.consent().approveAs("alice", Set.of());
    String token = flow.signIn().accessToken();

    server.clock().advance(server.tokenLifetime());

    assertThat(flow.me(token).statusCode()).isEqualTo(401);
  }
}
