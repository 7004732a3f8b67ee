package se.krebit.testkit;

import java.time.Duration;

/** {@code client_credentials}: an app-only access token, and no refresh token, as Krebit does. */
record ClientCredentialsGrantHandler(TokenRegistry tokens, Duration lifetime)
    implements GrantHandler {
  @Override
  public String grantType() {
    return "client_credentials";
  }

  @Override
  public GrantResult exchange(TokenRequestParams request, RegisteredApp client) {
    return new GrantResult(tokens.issue(new AppPrincipal(client), lifetime), lifetime.toSeconds());
  }
}
