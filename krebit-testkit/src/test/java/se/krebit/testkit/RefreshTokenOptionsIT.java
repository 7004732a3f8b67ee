package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.JsonBodies.json;
import static se.krebit.testkit.UserFlow.error;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.testkit.UserFlow.Tokens;

/**
 * The builder's refresh-token options: the reuse grace, rotation off, and a refresh-token lifetime.
 */
class RefreshTokenOptionsIT {
  private static final Duration GRACE = Duration.ofSeconds(10);
  private FakeKrebitServer server;
  private UserFlow flow;

  private void start(UnaryOperator<FakeKrebitServer.Builder> options) {
    server =
        options
            .apply(
                FakeKrebitServer.builder()
                    .app("demo-client", "demo-secret")
                    .redirectUri("demo-client", UserFlow.REDIRECT)
                    .autoApprove("alice"))
            .build()
            .start();
    flow = new UserFlow(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void withinTheGraceTheRetiredTokenIsAcceptedOnceAndAnswersTheCurrentOne() {
    start(b -> b.refreshReuseGrace(GRACE));
    Tokens first = flow.signIn();
    Tokens rotated = Tokens.of(flow.refresh(first.refresh()));
    server.clock().advance(GRACE.minusMillis(1));

    Tokens replayed = Tokens.of(flow.refresh(first.refresh()));

    assertThat(replayed.refresh()).isEqualTo(rotated.refresh());
    assertThat(replayed.accessToken()).isNotEqualTo(rotated.accessToken());
    assertThat(flow.me(rotated.accessToken()).statusCode()).isEqualTo(200);
    assertThat(flow.me(replayed.accessToken()).statusCode()).isEqualTo(200);
    assertThat(
            server.journal().refreshRedemptions(server.tokenFamily(first.refresh()).orElseThrow()))
        .isEqualTo(2);
    Tokens next =
        Tokens.of(flow.refresh(rotated.refresh())); // the line goes on from the current token
    assertThat(flow.me(next.accessToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondReplayWithinTheGraceIsReuse() {
    start(b -> b.refreshReuseGrace(GRACE));
    Tokens first = flow.signIn();
    Tokens rotated = Tokens.of(flow.refresh(first.refresh()));
    Tokens.of(flow.refresh(first.refresh()));

    assertThat(error(flow.refresh(first.refresh()), 400)).isEqualTo("invalid_grant");
    assertThat(flow.me(rotated.accessToken()).statusCode()).isEqualTo(401);
  }

  @Test
  void aReplayAfterTheGraceIsReuse() {
    start(b -> b.refreshReuseGrace(GRACE));
    Tokens first = flow.signIn();
    Tokens rotated = Tokens.of(flow.refresh(first.refresh()));
    server.clock().advance(GRACE);

    assertThat(error(flow.refresh(first.refresh()), 400)).isEqualTo("invalid_grant");
    assertThat(error(flow.refresh(rotated.refresh()), 400)).isEqualTo("invalid_grant");
  }

  @Test
  void onlyTheTokenRetiredLastIsGraced() {
    start(b -> b.refreshReuseGrace(GRACE));
    Tokens first = flow.signIn();
    Tokens second = Tokens.of(flow.refresh(first.refresh()));
    Tokens.of(flow.refresh(second.refresh()));

    assertThat(error(flow.refresh(first.refresh()), 400)).isEqualTo("invalid_grant");
  }

  @Test
  void withoutRotationTheRefreshTokenStaysAndIsRepeated() {
    start(b -> b.refreshTokenRotation(RefreshTokenRotation.KEEP_AND_REPEAT));
    Tokens first = flow.signIn();

    for (int i = 0; i < 5; i++) {
      Tokens next = Tokens.of(flow.refresh(first.refresh()));
      assertThat(next.refresh()).isEqualTo(first.refresh());
      assertThat(flow.me(next.accessToken()).statusCode()).isEqualTo(200);
    }
    assertThat(flow.me(first.accessToken()).statusCode()).isEqualTo(200);
    assertThat(server.journal().refreshRedemptionsOfUser("alice")).isEqualTo(5);
  }

  @Test
  void withoutRotationTheAnswerMayLeaveTheRefreshTokenOut() {
    start(b -> b.refreshTokenRotation(RefreshTokenRotation.KEEP_AND_OMIT));
    Tokens first = flow.signIn();

    HttpResponse<String> response = flow.refresh(first.refresh());
    HttpResponse<String> again = flow.refresh(first.refresh());

    assertThat(json(response)).containsOnlyKeys("token_type", "expires_in", "access_token");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(server.journal().lastTokenRequest().orElseThrow().issuedRefreshTokenFingerprint())
        .isEmpty();
  }

  @Test
  void refreshTokensExpireAfterTheirLifetimeEachRotationStartingAnew() {
    Duration lifetime = Duration.ofHours(1);
    start(b -> b.refreshTokenLifetime(lifetime));
    Tokens first = flow.signIn();
    server.clock().advance(lifetime.minusSeconds(1));
    Tokens second = Tokens.of(flow.refresh(first.refresh()));
    server.clock().advance(lifetime.minusSeconds(1));
    Tokens third = Tokens.of(flow.refresh(second.refresh()));

    server.clock().advance(lifetime);
    HttpResponse<String> expired = flow.refresh(third.refresh());

    assertThat(error(expired, 400)).isEqualTo("invalid_grant");
    assertThat((String) json(expired).get("error_description")).contains("expired");
  }

  @Test
  void refusesBadOptions() {
    FakeKrebitServer.Builder builder = FakeKrebitServer.builder();
    assertThatThrownBy(() -> builder.refreshReuseGrace(Duration.ofSeconds(-1)))
        .hasMessageContaining("refreshReuseGrace");
    assertThatThrownBy(() -> builder.refreshTokenLifetime(Duration.ZERO))
        .hasMessageContaining("refreshTokenLifetime");
    assertThatThrownBy(() -> builder.redirectUri("demo-client", "/relative"))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> builder.redirectUri("demo-client", "https://app.example/cb#frag"))
        .hasMessageContaining("fragment");
    assertThatThrownBy(() -> builder.redirectUri("nobody", "https://app.example/cb").build())
        .hasMessageContaining("nobody");
    assertThatThrownBy(() -> builder.autoApprove(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Set.of(RefreshTokenRotation.values())).hasSize(3);
  }
}
