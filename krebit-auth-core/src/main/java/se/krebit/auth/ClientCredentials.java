package se.krebit.auth;

import static java.util.Objects.requireNonNull;

/**
 * The identity of an OAuth application registered with Krebit: its {@code client_id} and {@code
 * client_secret}. {@code toString()} shows the id, never the secret.
 *
 * @param clientId the {@code client_id}; 1 to 255 printable characters
 * @param secret the {@code client_secret}
 */
public record ClientCredentials(String clientId, ClientSecret secret) {
  private static final int MAX_ID_LENGTH = 255;

  /**
   * @throws KrebitConfigurationException if the client id is blank, too long or not printable
   */
  public ClientCredentials {
    requireNonNull(clientId, "clientId");
    requireNonNull(secret, "secret");
    if (clientId.isBlank()
        || clientId.length() > MAX_ID_LENGTH
        || clientId.chars().anyMatch(Character::isISOControl)) {
      throw new KrebitConfigurationException(
          "client id must be 1 to "
              + MAX_ID_LENGTH
              + " printable characters, as shown under"
              + " https://{organization}.krebit.se/developer/my-apps");
    }
  }

  /** Shorthand for {@code new ClientCredentials(clientId, ClientSecret.of(secret))}. */
  public static ClientCredentials of(String clientId, String secret) {
    return new ClientCredentials(clientId, ClientSecret.of(secret));
  }

  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", secret=redacted]";
  }
}
