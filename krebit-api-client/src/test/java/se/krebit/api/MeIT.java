package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedApiRequest;

/**
 * {@code GET /api/1.0/me} against the fake server. User tokens are not covered here yet: the fake
 * issues app tokens only (its authorization-code grant is being added separately).
 */
class MeIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @Test
  void anAppTokenSeesItsAppIdentity(FakeKrebitServer server) {
    Me me = TestClients.client(server).me();

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(me.type()).isEqualTo(Me.APP);
    assertThat(me.isApp()).isTrue();
    assertThat(me.clientId()).contains(TestClients.CLIENT_ID);
    assertThat(me.roles()).containsExactly(TestClients.ROLE);
    assertThat(me.hasRole(TestClients.ROLE)).isTrue();
  }

  @Test
  void theBearerTokenComesFromTheTokenSourceAndIsCached(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);

    krebit.me();
    krebit.me();
    krebit.me();

    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
    assertThat(server.journal().apiRequests())
        .hasSize(3)
        .allSatisfy(request -> {
          assertThat(request.method()).isEqualTo("GET");
          assertThat(request.path()).isEqualTo("/api/1.0/me");
          assertThat(request.clientId()).contains(TestClients.CLIENT_ID);
          assertThat(request.status()).hasValue(200);
        });
    assertThat(server.journal().apiRequests().stream().map(RecordedApiRequest::tokenFingerprint).distinct())
        .hasSize(1);
  }

  @Test
  void anotherTokenSourceActsAsAnotherIdentityOnTheSameClient(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    var otherTokens = TestClients.tokens(server);

    krebit.withTokenSource(otherTokens).me();
    krebit.me();

    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
    assertThat(krebit.withTokenSource(otherTokens).apiBaseUri()).isEqualTo(krebit.apiBaseUri());
  }
}
