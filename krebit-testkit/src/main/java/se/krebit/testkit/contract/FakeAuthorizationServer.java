package se.krebit.testkit.contract;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Set;
import se.krebit.auth.ClientCredentials;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.RefreshTokenRotation;

/**
 * The fake Krebit server as the {@link TokenEndpointContract}'s authorization server: the browser's
 * part played over loopback HTTP at its authorize endpoint (its consent script approves, as user
 * {@value #USER}), failures injected into its token endpoint.
 *
 * @param fake the running fake
 * @param clientId an app registered on it
 * @param redirectUri a redirect URI it accepts for that app
 * @param rotation the refresh-token rotation the fake was built with
 */
public record FakeAuthorizationServer(
    FakeKrebitServer fake, String clientId, URI redirectUri, RefreshTokenRotation rotation)
    implements TokenEndpointContract.AuthorizationServer {
  /** The user who consents to every authorize request. */
  public static final String USER = "contract-user";

  /** Requires every member. */
  public FakeAuthorizationServer {
    requireNonNull(fake, "fake");
    requireNonNull(clientId, "clientId");
    requireNonNull(redirectUri, "redirectUri");
    requireNonNull(rotation, "rotation");
  }

  @Override
  public ClientCredentials client() {
    return fake.credentials(clientId);
  }

  @Override
  public String authorize(String codeChallenge) {
    fake.consent().approveNextAs(USER, Set.of());
    return TokenEndpointContract.AuthorizationServer.authorizeAtOnce(
        fake.authorizationEndpoint(), clientId, redirectUri, codeChallenge, "");
  }

  @Override
  public boolean rotatesRefreshTokens() {
    return rotation == RefreshTokenRotation.ROTATE;
  }

  @Override
  public void failTokenRequests() {
    fake.failNextTokenRequests(Integer.MAX_VALUE, InjectedFault.status(503));
  }
}
