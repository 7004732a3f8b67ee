package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientSecret;

/**
 * An OAuth application registered with the fake server: its credentials and the roles its
 * app-only tokens carry. {@code toString()} never shows the secret. Immutable.
 *
 * @param clientId the {@code client_id}; 1 to 255 printable characters, no colon (so that it can
 *     be given on the standalone server's command line)
 * @param secret the {@code client_secret}
 * @param roles the roles of the app's identity, sorted; empty if none
 */
public record RegisteredApp(String clientId, ClientSecret secret, Set<String> roles) {
  private static final int MAX_ID_LENGTH = 255;

  /** @throws IllegalArgumentException if the client id or a role is malformed */
  public RegisteredApp {
    requireNonNull(clientId, "clientId");
    requireNonNull(secret, "secret");
    if (clientId.isBlank()
        || clientId.length() > MAX_ID_LENGTH
        || clientId.indexOf(':') >= 0
        || clientId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "client id must be 1 to " + MAX_ID_LENGTH + " printable characters without ':'");
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String role : requireNonNull(roles, "roles")) {
      if (requireNonNull(role, "role").isBlank()) {
        throw new IllegalArgumentException("roles must not be blank");
      }
      sorted.add(role);
    }
    roles = Collections.unmodifiableSet(sorted);
  }

  /** The app {@code clientId} with secret {@code secret} and the given roles. */
  public static RegisteredApp of(String clientId, String secret, String... roles) {
    return new RegisteredApp(clientId, ClientSecret.of(secret), Set.copyOf(Arrays.asList(roles)));
  }

  /** The credentials a client of this app sends to the token endpoint. */
  public ClientCredentials credentials() {
    return new ClientCredentials(clientId, secret);
  }

  @Override
  public String toString() {
    return "RegisteredApp[clientId=" + clientId + ", secret=redacted, roles=" + roles + "]";
  }
}
