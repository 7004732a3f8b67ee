package se.krebit.auth;

import static java.util.Objects.requireNonNull;

/**
 * A refresh token: a long-lived credential to obtain new access tokens for a user. Keep it only in
 * an encrypted store. {@code toString()} shows a short fingerprint, never the value.
 *
 * @param value the token as issued
 */
public record RefreshToken(String value) {
  /**
   * Requires a non-empty {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public RefreshToken {
    requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("refresh token value must not be empty");
    }
  }

  /** A short SHA-256 fingerprint of the value, safe to log. */
  public String fingerprint() {
    return Fingerprint.of(value);
  }

  @Override
  public String toString() {
    return "RefreshToken[" + fingerprint() + "]";
  }
}
