package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;

/**
 * Where to send the user's browser to ask for consent, and until when the callback will be
 * accepted. {@code toString()} leaves out the query, which carries the {@code state}.
 *
 * @param uri the authorize URL with {@code client_id}, {@code redirect_uri}, {@code
 *     response_type=code}, {@code state} and, with PKCE, {@code code_challenge}
 * @param expiresAt after this instant the callback is refused
 */
public record AuthorizationRedirect(URI uri, Instant expiresAt) {
  /** Requires both members; a missing one throws {@code NullPointerException} naming it. */
  public AuthorizationRedirect {
    requireNonNull(uri, "uri");
    requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "AuthorizationRedirect["
        + uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + uri.getRawPath()
        + "?…, expiresAt="
        + expiresAt
        + "]";
  }
}
