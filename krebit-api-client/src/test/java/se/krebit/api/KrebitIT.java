package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenRequestEvent;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/** What derives from one {@link Krebit}, on the fake server over loopback. */
class KrebitIT {
  private static final URI CALLBACK = URI.create("http://127.0.0.1:9999/oauth/callback");

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static KrebitAuthConfig.Builder config(FakeKrebitServer server) {
    return KrebitAuthConfig.builder()
        .tenant(server.tenant())
        .clientId(TestClients.CLIENT_ID)
        .clientSecret(() -> ClientSecret.of(TestClients.SECRET))
        .http(TestClients.fast().build());
  }

  @Test
  void everythingDerivesFromTheOneConfigurationAndSharesTheBuiltCollaborators(FakeKrebitServer server) {
    List<TokenRequestEvent> heard = new CopyOnWriteArrayList<>();
    TokenListener listener = new TokenListener() {
      @Override
      public void tokenRequested(TokenRequestEvent event) {
        heard.add(event);
      }
    };
    Krebit krebit = Krebit.builder(config(server).redirectUri(CALLBACK).build())
        .tokenStore(new InMemoryTokenStore())
        .clock(server.clock())
        .listener(listener)
        .build();

    assertThat(krebit.client().me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    String first = krebit.appTokens().token().value();
    server.clock().advance(server.tokenLifetime());   // past its life on the bound clock

    assertThat(krebit.appTokens().token().value()).isNotEqualTo(first);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
    assertThat(heard).hasSize(2);
    assertThat(krebit.users()).isSameAs(krebit.signIn().userTokens());
    assertThat(krebit.signIn().begin("alice").uri().getQuery()).contains("redirect_uri=" + CALLBACK);
    assertThat(krebit.client().apiBaseUri()).isEqualTo(server.apiBaseUri());
    assertThat(krebit.toString()).doesNotContain(TestClients.SECRET);
  }

  @Test
  void withoutARedirectUriThereIsNoSignInButUsersTokensAreServed(FakeKrebitServer server) {
    Krebit krebit = Krebit.of(config(server).build());

    assertThatThrownBy(krebit::signIn)
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining(KrebitAuthConfig.ENV_REDIRECT_URIS);
    assertThat(krebit.users().activeSubjects()).isZero();
  }
}
