package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The identity a token acts as, as {@code GET /api/1.0/me} describes it: an application (app-only
 * token from client credentials) or a user (token from the authorization-code flow). Immutable.
 *
 * @param id Krebit's identifier of the identity
 * @param type {@value #APP} or {@value #USER}; other values may appear as Krebit adds kinds
 * @param clientId the OAuth client the token was issued to, when Krebit says
 * @param roles the roles the identity holds, which decide what answers 403
 */
public record Me(String id, String type, Optional<String> clientId, List<String> roles) {
  /** The {@link #type} of an application acting for itself. */
  public static final String APP = "app";

  /** The {@link #type} of a user. */
  public static final String USER = "user";

  public Me {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(clientId, "clientId");
    roles = List.copyOf(requireNonNull(roles, "roles"));
  }

  /** Whether the token acts as an application rather than a user. */
  public boolean isApp() {
    return APP.equals(type);
  }

  /** Whether the identity holds {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(requireNonNull(role, "role"));
  }
}
