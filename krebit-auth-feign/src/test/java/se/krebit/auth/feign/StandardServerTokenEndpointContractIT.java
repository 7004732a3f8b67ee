package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.testkit.contract.TokenEndpointContract;

/**
 * The Feign endpoint, configured for a standard server (form-encoded requests, HTTP Basic), keeps
 * the contract against navikt's {@code mock-oauth2-server} in-process on loopback, a fresh one per
 * test, with refresh-token rotation on. Cases that server can't play are overridden below with what
 * it does instead, and why.
 */
class StandardServerTokenEndpointContractIT extends TokenEndpointContract {
  private static final String ISSUER = "krebit-contract";
  private static final URI CALLBACK = URI.create("http://127.0.0.1:8765/callback");
  private static final ClientCredentials CLIENT =
      ClientCredentials.of("contract-client", "contract: s3cret/é");

  private @Nullable MockOAuth2Server mock;

  @AfterEach
  void stopTheServer() {
    if (mock != null) {
      mock.shutdown();
    }
  }

  @Override
  protected AuthorizationServer server() {
    AtomicBoolean failing = new AtomicBoolean();
    mock =
        new MockOAuth2Server(
            new OAuth2Config(false, null, null, true), unavailableWhile(failing)); // rotates
    mock.start(InetAddress.getLoopbackAddress(), 0);
    return new Navikt(mock, failing);
  }

  /**
   * A route of the server's own routing, before its token route: 503 to token requests while {@code
   * failing}.
   */
  private static Route unavailableWhile(AtomicBoolean failing) {
    return new Route() {
      @Override
      public boolean match(OAuth2HttpRequest request) {
        return failing.get() && request.getUrl().encodedPath().endsWith("/token");
      }

      @Override
      public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        return new OAuth2HttpResponse(
            Headers.of("Content-Type", "text/plain"), 503, "unavailable", null);
      }
    };
  }

  @Override
  protected TokenEndpoint endpoint(AuthorizationServer server) {
    MockOAuth2Server m = ((Navikt) server).mock;
    return StandardAuthorizationServerIT.formWithBasic(
        StandardAuthorizationServerIT.standardServer(
            URI.create(m.baseUrl().toString()),
            m.tokenEndpointUrl(ISSUER).uri(),
            m.authorizationEndpointUrl(ISSUER).uri()));
  }

  /** Not playable: this server authenticates no client; it issues tokens for any secret. */
  @Test
  @Override
  protected void aWrongSecretIsInvalidClient() {
    ClientCredentials wrong = ClientCredentials.of(client().clientId(), "wrong");

    assertThat(subject().exchange(wrong, new ClientCredentialsGrant(Set.of())).accessToken())
        .isNotEmpty();
  }

  /** Not playable: this server knows no clients; it issues tokens to any client id. */
  @Test
  @Override
  protected void anUnknownClientIsInvalidClient() {
    ClientCredentials unknown = ClientCredentials.of("no-such-client", "any");

    assertThat(subject().exchange(unknown, new ClientCredentialsGrant(Set.of())).accessToken())
        .isNotEmpty();
  }

  /**
   * navikt's server, its browser part played over loopback, failures from a route added to its own.
   */
  private record Navikt(MockOAuth2Server mock, AtomicBoolean failing)
      implements AuthorizationServer {
    @Override
    public ClientCredentials client() {
      return CLIENT;
    }

    @Override
    public URI redirectUri() {
      return CALLBACK;
    }

    @Override
    public String authorize(String codeChallenge) {
      return AuthorizationServer.authorizeAtOnce(
          mock.authorizationEndpointUrl(ISSUER).uri(),
          CLIENT.clientId(),
          CALLBACK,
          codeChallenge,
          "openid");
    }

    @Override
    public boolean rotatesRefreshTokens() {
      return true;
    }

    @Override
    public void failTokenRequests() {
      failing.set(true);
    }
  }
}
