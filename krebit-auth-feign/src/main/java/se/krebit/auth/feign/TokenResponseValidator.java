package se.krebit.auth.feign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.UnusableResponse;

/**
 * Checks a successful token response (RFC 6749 §5.1) member by member and builds the {@link
 * TokenResponse}; an error response (§5.2) becomes an {@link OAuthErrorException}. Unknown members
 * are ignored. Reasons name the member at fault, never its value. Stateless.
 */
final class TokenResponseValidator {
  static final String ACCESS_TOKEN = "access_token";
  static final String TOKEN_TYPE = "token_type";
  static final String EXPIRES_IN = "expires_in";
  static final String REFRESH_TOKEN = "refresh_token";
  static final String SCOPE = "scope";
  static final String ERROR = "error";
  static final String ERROR_DESCRIPTION = "error_description";

  /** Some servers quote expires_in; digits only, so "3600.5", "-1" and "1e3" stay refused. */
  private static final Pattern QUOTED_SECONDS = Pattern.compile("[0-9]{1,10}");

  /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private static final Pattern SCOPE_SEPARATORS = Pattern.compile("[ \\t]+");

  private TokenResponseValidator() {}

  /** Whether the body is an OAuth error response, whatever the HTTP status said. */
  static boolean isError(ObjectNode body) {
    return body.hasNonNull(ERROR);
  }

  /**
   * The OAuth error the body carries.
   *
   * @throws UnusableResponse if {@code error} is not a non-empty string
   */
  static OAuthErrorException error(ObjectNode body, int httpStatus, @Nullable String requestId) {
    JsonNode error = body.get(ERROR);
    if (error == null || !error.isTextual() || error.textValue().isBlank()) {
      throw new UnusableResponse("the error member is not a non-empty string");
    }
    JsonNode description = body.get(ERROR_DESCRIPTION);
    return OAuthErrorException.of(
        error.textValue(),
        description != null && description.isTextual() ? description.textValue() : null,
        httpStatus,
        requestId);
  }

  /**
   * The validated token response.
   *
   * @param expiresInWhenAbsent the lifetime of the token when the body has no {@code expires_in}
   * @throws UnusableResponse naming the first member that is missing or malformed
   */
  static TokenResponse success(
      ObjectNode body, @Nullable String requestId, Duration expiresInWhenAbsent) {
    String accessToken = token(body, ACCESS_TOKEN).orElseThrow(() -> missing(ACCESS_TOKEN));
    String tokenType = string(body, TOKEN_TYPE).orElseThrow(() -> missing(TOKEN_TYPE));
    if (!AccessTokenType.BEARER.getValue().equalsIgnoreCase(tokenType)) {
      throw new UnusableResponse("token_type is not Bearer");
    }
    Duration expiresIn = expiresIn(body, expiresInWhenAbsent);
    Optional<RefreshToken> refreshToken = token(body, REFRESH_TOKEN).map(RefreshToken::new);
    Set<String> scope = string(body, SCOPE).map(TokenResponseValidator::scope).orElse(Set.of());
    return new TokenResponse(
        accessToken, expiresIn, refreshToken, scope, Optional.ofNullable(requestId));
  }

  private static Duration expiresIn(ObjectNode body, Duration whenAbsent) {
    JsonNode node = body.get(EXPIRES_IN);
    if (node == null || node.isNull()) {
      return whenAbsent; // RFC 6749 §5.1 only recommends it
    }
    long seconds;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      seconds = node.longValue();
    } else if (node.isTextual() && QUOTED_SECONDS.matcher(node.textValue()).matches()) {
      seconds = Long.parseLong(node.textValue());
    } else {
      throw new UnusableResponse("expires_in is not a whole number of seconds");
    }
    if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
      throw new UnusableResponse("expires_in is not a positive number of seconds below 2^31");
    }
    return Duration.ofSeconds(seconds);
  }

  /** A token member: absent or null is empty; present, it is 1*VSCHAR (RFC 6749 appendix A). */
  private static Optional<String> token(ObjectNode body, String name) {
    Optional<String> value = string(body, name);
    if (value.isPresent()) {
      String token = value.get();
      if (token.isEmpty()) {
        throw new UnusableResponse(name + " is empty");
      }
      if (!token.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new UnusableResponse(name + " has characters outside printable ASCII");
      }
    }
    return value;
  }

  private static Optional<String> string(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new UnusableResponse(name + " is not a string");
    }
    return Optional.of(node.textValue());
  }

  /**
   * The scope's tokens (RFC 6749 §3.3). Runs of spaces or tabs between tokens are tolerated, as
   * servers emit them; a token with any other character is refused, naming the member only.
   * Nimbus's {@code Scope.parse} is not used here: it throws an untyped exception for such input.
   */
  private static Set<String> scope(String value) {
    Set<String> tokens = new LinkedHashSet<>();
    for (String token : SCOPE_SEPARATORS.split(value.strip())) {
      if (token.isEmpty()) {
        continue;
      }
      if (!SCOPE_TOKEN.matcher(token).matches()) {
        throw new UnusableResponse("scope has a token with characters RFC 6749 does not allow");
      }
      tokens.add(token);
    }
    return tokens;
  }

  private static UnusableResponse missing(String name) {
    return new UnusableResponse(name + " is missing");
  }
}
