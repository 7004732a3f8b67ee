package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.Fingerprint;

/**
 * An authorization request waiting for its callback: what the flow must remember between sending
 * the browser to Krebit and the browser coming back. {@code toString()} fingerprints the state and
 * hides the PKCE verifier.
 *
 * @param state the {@code state} sent with the authorize request
 * @param redirectUri the {@code redirect_uri} sent with it
 * @param subject the application's identifier for the user signing in
 * @param codeVerifier the PKCE verifier, if PKCE is in use
 * @param returnTo where the application wants to send the user afterwards, already validated
 * @param scope the scope asked for
 * @param createdAt when the request was made
 * @param expiresAt after this instant the callback is refused
 */
public record PendingAuthorization(
    String state,
    URI redirectUri,
    String subject,
    Optional<String> codeVerifier,
    Optional<String> returnTo,
    Set<String> scope,
    Instant createdAt,
    Instant expiresAt) {
  /**
   * Requires every member and copies {@code scope}.
   *
   * @throws IllegalArgumentException if {@code state} is empty or {@code expiresAt} is not after
   *     {@code createdAt}
   */
  public PendingAuthorization {
    requireNonNull(state, "state");
    requireNonNull(redirectUri, "redirectUri");
    requireNonNull(subject, "subject");
    requireNonNull(codeVerifier, "codeVerifier");
    requireNonNull(returnTo, "returnTo");
    scope = Set.copyOf(requireNonNull(scope, "scope"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    if (state.isEmpty()) {
      throw new IllegalArgumentException("state must not be empty");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
  }

  @Override
  public String toString() {
    return "PendingAuthorization[state="
        + Fingerprint.of(state)
        + ", redirectUri="
        + redirectUri
        + ", subject="
        + subject
        + ", pkce="
        + codeVerifier.isPresent()
        + ", returnTo="
        + returnTo.orElse("none")
        + ", scope="
        + scope
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
