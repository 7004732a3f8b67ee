package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.regex.Pattern;
import se.krebit.auth.Fingerprint;

/**
 * Checks the bearer token of an API request (RFC 6750 §2.1, §3): no token ⇒ 401 with a bare
 * challenge; a malformed, unknown, revoked or expired one ⇒ 401 with {@code error="invalid_token"}.
 */
final class BearerAuthenticator {
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final String REALM = "Bearer realm=\"krebit\"";

  private final TokenRegistry tokens;

  BearerAuthenticator(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  Outcome authenticate(Request request) {
    HttpHeader authorization = request.getHeaders().getHeader("Authorization");
    if (!authorization.isPresent()) {
      return rejected(
          Optional.empty(),
          Responses.error(
                  401,
                  "unauthorized",
                  "The request carries no access token: send Authorization: Bearer <token>")
              .withHeader("WWW-Authenticate", REALM)
              .build());
    }
    if (authorization.values().size() != 1) {
      return invalid(Optional.empty(), "The Authorization header is repeated");
    }
    String value = authorization.firstValue();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return invalid(Optional.empty(), "The Authorization header must use the Bearer scheme");
    }
    String token = value.substring(7).trim();
    if (!TOKEN68.matcher(token).matches()) {
      return invalid(Optional.empty(), "The bearer token is malformed");
    }
    Optional<String> fingerprint = Optional.of(Fingerprint.of(token));
    TokenRegistry.Verdict verdict = tokens.check(token);
    return verdict
        .token()
        .map(issued -> new Outcome(Optional.of(issued), fingerprint, Optional.empty()))
        .orElseGet(() -> invalid(fingerprint, verdict.reason()));
  }

  private static Outcome invalid(Optional<String> fingerprint, String reason) {
    String challenge = REALM + ", error=\"invalid_token\", error_description=\"" + reason + "\"";
    return rejected(
        fingerprint,
        Responses.error(401, "invalid_token", reason)
            .withHeader("WWW-Authenticate", challenge)
            .build());
  }

  private static Outcome rejected(Optional<String> fingerprint, ResponseDefinition response) {
    return new Outcome(Optional.empty(), fingerprint, Optional.of(response));
  }

  /**
   * The token if it was accepted, else the 401 to send.
   *
   * @param fingerprint the presented token's fingerprint, if a well-formed one was presented
   */
  record Outcome(
      Optional<IssuedToken> token,
      Optional<String> fingerprint,
      Optional<ResponseDefinition> rejection) {}
}
