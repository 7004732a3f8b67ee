package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.GrantType;
import java.net.URI;
import java.util.Optional;
import se.krebit.auth.Fingerprint;

/**
 * The authorization-code grant: the code from the consent callback, the redirect URI it was issued
 * for, and the PKCE verifier when the authorize request carried a challenge.
 *
 * @param code the {@code code} parameter of the callback
 * @param redirectUri the exact {@code redirect_uri} of the authorize request
 * @param codeVerifier the PKCE {@code code_verifier}, if PKCE was used
 */
public record AuthorizationCodeGrant(String code, URI redirectUri, Optional<String> codeVerifier)
    implements Grant {
  /**
   * Requires every member and a non-empty {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is empty
   */
  public AuthorizationCodeGrant {
    requireNonNull(code, "code");
    requireNonNull(redirectUri, "redirectUri");
    requireNonNull(codeVerifier, "codeVerifier");
    if (code.isEmpty()) {
      throw new IllegalArgumentException("authorization code must not be empty");
    }
  }

  @Override
  public String grantType() {
    return GrantType.AUTHORIZATION_CODE.getValue();
  }

  @Override
  public String toString() {
    return "AuthorizationCodeGrant[code="
        + Fingerprint.of(code)
        + ", redirectUri="
        + redirectUri
        + ", pkce="
        + codeVerifier.isPresent()
        + "]";
  }
}
