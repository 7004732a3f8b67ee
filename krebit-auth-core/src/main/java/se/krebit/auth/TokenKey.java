package se.krebit.auth;

import static java.util.Objects.requireNonNull;

/**
 * Whose tokens these are: a subject (a user of your application) signed in with one client at one
 * tenant. Token stores key their records by it.
 *
 * @param tenant the {@link Tenant#id()}
 * @param clientId the OAuth client id
 * @param subject your application's stable identifier for the user; 1 to 255 printable characters
 */
public record TokenKey(String tenant, String clientId, String subject) {
  private static final int MAX_LENGTH = 255;

  /**
   * @throws IllegalArgumentException if a part is blank, longer than 255 or has control characters
   */
  public TokenKey {
    check("tenant", tenant);
    check("clientId", clientId);
    check("subject", subject);
  }

  /** The key of {@code subject}'s tokens for {@code client} at {@code tenant}. */
  public static TokenKey of(Tenant tenant, ClientCredentials client, String subject) {
    return new TokenKey(tenant.id(), client.clientId(), subject);
  }

  private static void check(String name, String value) {
    requireNonNull(value, name);
    if (value.isBlank()
        || value.length() > MAX_LENGTH
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + MAX_LENGTH + " printable characters, not blank");
    }
  }
}
