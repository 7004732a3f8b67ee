package se.krebit.testkit;

import java.util.List;
import java.util.Optional;

/**
 * An authorize request that passed every check, waiting for the user's decision. {@code toString()}
 * leaves the state out.
 *
 * @param client the registered client it came from
 * @param redirectUri its {@code redirect_uri}, one the client registered
 * @param rawState its {@code state} exactly as encoded in the request, to send back byte for byte
 * @param codeChallenge its PKCE S256 {@code code_challenge}, if it sent one
 * @param scope the scope asked for; empty if none
 * @param loginHint its {@code login_hint}, the user it would like to sign in, if it sent one
 */
record AuthorizeRequest(
    RegisteredApp client,
    String redirectUri,
    Optional<String> rawState,
    Optional<String> codeChallenge,
    List<String> scope,
    Optional<String> loginHint) {
  AuthorizeRequest {
    scope = List.copyOf(scope);
  }

  @Override
  public String toString() {
    return "AuthorizeRequest[client="
        + client.clientId()
        + ", redirectUri="
        + redirectUri
        + ", state="
        + rawState.isPresent()
        + ", pkce="
        + codeChallenge.isPresent()
        + ", scope="
        + scope
        + "]";
  }
}
