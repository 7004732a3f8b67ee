package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.testing.SettableClock;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeKrebitExtensionIT {
  private static final Instant START = Instant.parse("2032-02-29T12:00:00Z");
  private static final SettableClock CLOCK = SettableClock.startingAt(START);
  private static AccessToken revokedInFirstTest;

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").clock(CLOCK).build();

  private final FakeKrebitServer injectedIntoConstructor;

  FakeKrebitExtensionIT(FakeKrebitServer server) {
    this.injectedIntoConstructor = server;
  }

  @BeforeAll
  static void serverIsRunningBeforeAllTests() {
    assertThat(KREBIT.server().isRunning()).isTrue();
  }

  @AfterAll
  static void serverIsStillRunningUntilAfterAll() {
    assertThat(KREBIT.server().isRunning()).isTrue();
  }

  @Test
  @Order(1)
  void injectsTheServerAndItsClock(FakeKrebitServer server, SettableClock clock) {
    assertThat(server).isSameAs(KREBIT.server()).isSameAs(injectedIntoConstructor);
    assertThat(clock).isSameAs(CLOCK).isSameAs(KREBIT.clock());
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  @Order(2)
  void leavesStateBehind(FakeKrebitServer server) {
    assertThat(clientCredentialsStatus(server)).isEqualTo(200);
    revokedInFirstTest = server.issueToken("demo-client");
    server.revoke(revokedInFirstTest);
    server.requireRole("/api/1.0/me", "admin");
    server.failNextTokenRequests(5, InjectedFault.status(503));
    server.failNextApiRequests(5, InjectedFault.status(503));
    server.clock().advance(Duration.ofSeconds(10));
  }

  @Test
  @Order(3)
  void startsEachTestWithAClearJournalNoFaultsRevocationsOrTestRoles(FakeKrebitServer server) {
    assertThat(server.journal().tokenRequestCount()).isZero();
    assertThat(server.journal().apiRequestCount()).isZero();

    assertThat(
            Http.get(server.apiBaseUri().resolve("me"), revokedInFirstTest.authorizationHeader())
                .statusCode())
        .isEqualTo(200);
    assertThat(clientCredentialsStatus(server)).isEqualTo(200);
    // time is not turned back: it is the test's to move
    assertThat(server.clock().instant()).isEqualTo(START.plusSeconds(10));
  }

  @Nested
  class PerTestServer {
    @RegisterExtension
    final FakeKrebitExtension perTest =
        FakeKrebitExtension.builder().app("nested-client", "nested-secret").build();

    @Test
    void runsAServerRegisteredOnAnInstanceFieldForTheTest() {
      assertThat(perTest.server().isRunning()).isTrue();
      assertThat(perTest.server().port()).isNotEqualTo(KREBIT.server().port());
      assertThat(perTest.server().credentials("nested-client").clientId())
          .isEqualTo("nested-client");
    }
  }

  /** The status of a client-credentials token request as {@code demo-client}. */
  private static int clientCredentialsStatus(FakeKrebitServer server) {
    return Http.postJson(
            server.tokenEndpoint(), Http.clientCredentialsJson("demo-client", "demo-secret"))
        .statusCode();
  }
}
