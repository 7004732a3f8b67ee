package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.SignInFixture.CLIENT;
import static se.krebit.auth.SignInFixture.TENANT;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.signIn;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ReauthorizationRequiredException.Reason;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.testing.SettableClock;

/**
 * Issue 18, "refresh apart from sign-in": users signed in through a flow are served, refreshed with
 * rotation and signed out by a {@link UserTokens} that knows no redirect URI, sharing only the
 * store.
 */
class UserTokensTest {

  private final SettableClock clock =
      SettableClock.startingAt(Instant.parse("2026-11-27T10:00:00Z"));
  private final RotatingEndpoint server = new RotatingEndpoint();
  private final InMemoryTokenStore store = new InMemoryTokenStore();

  private UserTokens.Builder users() {
    return UserTokens.builder()
        .tenant(TENANT)
        .client(CLIENT)
        .endpoint(server)
        .tokenStore(store)
        .clock(clock)
        .executor(Runnable::run)
        .refreshPolicy(RefreshPolicy.custom().jitter(0).build());
  }

  @Test
  void servesRefreshesAndSignsOutUsersThatAFlowSignedIn() {
    signIn(flow(), "alice");
    UserTokens users = users().build();

    AccessToken first = users.forSubject("alice").token();
    assertThat(first.value()).isEqualTo("family-code-alice-at-1");
    assertThat(users.forSubject("alice")).isSameAs(users.forSubject("alice"));
    assertThat(users.activeSubjects()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(59)); // into the refresh-ahead window: refreshed with rotation
    users.forSubject("alice").token();
    assertThat(users.forSubject("alice").token().value()).isNotEqualTo(first.value());
    assertThat(server.redemptions("family-code-alice")).isEqualTo(1);
    assertThat(
            store
                .load(new TokenKey("acme", "web-app", "alice"))
                .orElseThrow()
                .tokens()
                .refreshToken()
                .orElseThrow()
                .value())
        .isEqualTo(server.newestRefreshToken("family-code-alice"));

    assertThat(users.signOut("alice")).isTrue();
    assertThat(users.activeSubjects()).isZero();
    assertThatThrownBy(() -> users.forSubject("alice").token())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_IN));
  }

  @Test
  void theReadmesUserTokensServeAUserSignedInElsewhere() {
    AuthorizationCodeFlow signIns = flowOn(server).tokenStore(store).build();
    signIn(signIns, "alice");
    TokenEndpoint endpoint = server;
    TokenStore tokenStore = store;
    String userId = "alice";

    // README:begin user-tokens
    UserTokens users = UserTokens.builder()               // build once and share: thread-safe
        .tenant(Tenant.organization("acme"))
        .client(ClientCredentials.of("web-app", "s3cret"))
        .endpoint(endpoint)                                // e.g. a FeignTokenEndpoint
        .tokenStore(tokenStore)                            // where sign-ins stored the users' tokens
        .idleTimeout(Duration.ofMinutes(5))                // the default: an idle user's source is released
        .build();
    String header = users.forSubject(userId).token().authorizationHeader();
    // README:end user-tokens

    assertThat(header).isEqualTo("Bearer family-code-alice-at-1");
  }

  @Test
  void aFlowServesItsUsersThroughItsOwnUserTokens() {
    AuthorizationCodeFlow flow = flow();
    signIn(flow, "bob");

    assertThat(flow.forSubject("bob")).isSameAs(flow.userTokens().forSubject("bob"));
    assertThat(flow.activeSubjects()).isEqualTo(flow.userTokens().activeSubjects()).isEqualTo(1);
  }

  @Test
  void refusesMissingPartsAndBadSubjectsAndTimeouts() {
    assertThatThrownBy(
            () -> UserTokens.builder().tenant(TENANT).client(CLIENT).endpoint(server).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tokenStore");
    assertThatThrownBy(() -> users().idleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    UserTokens users = users().build();
    assertThatThrownBy(() -> users.forSubject(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> users.forSubject("a\nb")).isInstanceOf(IllegalArgumentException.class);
    assertThat(users.activeSubjects()).isZero();
    assertThat(users.toString()).contains("acme", "web-app").doesNotContain("s3cret");
  }

  private AuthorizationCodeFlow flow() {
    return flowOn(server).tokenStore(store).clock(clock).executor(Runnable::run).build();
  }
}
