package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A bearer access token and the instant it stops being valid. {@code toString()} shows a short
 * fingerprint of the value, never the value itself.
 *
 * @param value the token to send as {@code Authorization: Bearer <value>}
 * @param type the token type; always {@value #BEARER} for Krebit
 * @param expiresAt when the token expires, on the clock of the source that obtained it
 */
public record AccessToken(String value, String type, Instant expiresAt) {
  /** The only token type Krebit issues. */
  public static final String BEARER = "Bearer";

  /**
   * Requires every member and a non-empty {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public AccessToken {
    requireNonNull(value, "value");
    requireNonNull(type, "type");
    requireNonNull(expiresAt, "expiresAt");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("access token value must not be empty");
    }
    if (type.equals(BEARER)) {
      type =
          BEARER; // one shared string, not a copy per user's token read from a store or a response
    }
  }

  /** The value of an {@code Authorization} header carrying this token. */
  public String authorizationHeader() {
    return type + " " + value;
  }

  /** Whether the token is expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** A short SHA-256 fingerprint of the value, safe to log. */
  public String fingerprint() {
    return Fingerprint.of(value);
  }

  @Override
  public String toString() {
    return "AccessToken[" + fingerprint() + ", type=" + type + ", expiresAt=" + expiresAt + "]";
  }
}
