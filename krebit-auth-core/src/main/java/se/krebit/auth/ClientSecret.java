package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth client secret. It never shows its value in {@code toString()}, logs or exception
 * messages; only {@link #reveal()} hands it out, for the token request itself. Immutable.
 */
public final class ClientSecret {
  private final String value;

  private ClientSecret(String value) {
    this.value = value;
  }

  /**
   * @param value the secret as issued by Krebit; must not be blank
   * @throws KrebitConfigurationException if {@code value} is blank
   */
  public static ClientSecret of(String value) {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new KrebitConfigurationException("client secret must not be blank");
    }
    return new ClientSecret(value);
  }

  /** The secret itself. Call it only to put the secret on the wire. */
  public String reveal() {
    return value;
  }

  /** Compares in constant time, so equality checks don't leak the secret through timing. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ClientSecret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak bits of it; secrets don't belong in hash tables
  }

  @Override
  public String toString() {
    return "ClientSecret[redacted]";
  }
}
