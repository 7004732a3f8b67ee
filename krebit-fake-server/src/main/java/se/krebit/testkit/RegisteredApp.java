package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientSecret;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * An OAuth application registered with the fake server: its credentials, the roles its app-only
 * tokens carry, and the redirect URIs its authorize requests may name. {@code toString()} never
 * shows the secret. Immutable.
 *
 * <pre>{@code
 * RegisteredApp app = RegisteredApp.of("demo-client", "demo-secret", "reader")
 *     .withRedirectUris("http://127.0.0.1:9999/cb");
 * }</pre>
 *
 * @param clientId the {@code client_id}; 1 to 255 printable characters, no colon (so that it can be
 *     given on the standalone server's command line)
 * @param secret the {@code client_secret}
 * @param roles the roles of the app's identity, sorted; empty if none
 * @param redirectUris the redirect URIs registered for the authorization-code flow, in registration
 *     order: absolute, without fragment (RFC 6749 §3.1.2), compared with the {@code redirect_uri}
 *     of a request as exact strings; empty if none
 */
public record RegisteredApp(
    String clientId, ClientSecret secret, Set<String> roles, Set<String> redirectUris) {
  private static final int MAX_ID_LENGTH = 255;

  /**
   * @throws IllegalArgumentException if the client id, a role or a redirect URI is malformed
   */
  public RegisteredApp {
    requireNonNull(clientId, "clientId");
    requireNonNull(secret, "secret");
    PlantedSecrets.plant(secret.reveal());
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
    LinkedHashSet<String> uris = new LinkedHashSet<>();
    for (String uri : requireNonNull(redirectUris, "redirectUris")) {
      uris.add(checkRedirectUri(uri));
    }
    redirectUris = Collections.unmodifiableSet(uris);
  }

  /** An app without redirect URIs. */
  public RegisteredApp(String clientId, ClientSecret secret, Set<String> roles) {
    this(clientId, secret, roles, Set.of());
  }

  /**
   * The app {@code clientId} with secret {@code secret} and the given roles, without redirect URIs.
   */
  public static RegisteredApp of(String clientId, String secret, String... roles) {
    return new RegisteredApp(clientId, ClientSecret.of(secret), Set.copyOf(Arrays.asList(roles)));
  }

  /** This app with {@code uris} registered as redirect URIs too, after those it has. */
  public RegisteredApp withRedirectUris(String... uris) {
    Set<String> all = new LinkedHashSet<>(redirectUris);
    all.addAll(Arrays.asList(uris));
    return new RegisteredApp(clientId, secret, roles, all);
  }

  /** This app with {@code more} roles too. */
  RegisteredApp withRoles(Set<String> more) {
    Set<String> all = new TreeSet<>(roles);
    all.addAll(more);
    return new RegisteredApp(clientId, secret, all, redirectUris);
  }

  /** The credentials a client of this app sends to the token endpoint. */
  public ClientCredentials credentials() {
    return new ClientCredentials(clientId, secret);
  }

  /**
   * @return {@code uri}, if it is an absolute URI without a fragment
   * @throws IllegalArgumentException otherwise
   */
  static String checkRedirectUri(String uri) {
    requireNonNull(uri, "redirect URI");
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("redirect URI is malformed: " + e.getMessage());
    }
    if (!parsed.isAbsolute() || parsed.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "redirect URI must be absolute and without a fragment: " + uri);
    }
    return uri;
  }

  @Override
  public String toString() {
    return "RegisteredApp[clientId="
        + clientId
        + ", secret=redacted, roles="
        + roles
        + ", redirectUris="
        + redirectUris
        + "]";
  }
}
