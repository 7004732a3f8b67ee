package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.GrantType;
import java.util.Set;

/**
 * The client-credentials grant: an app-only token for the client itself. Krebit issues no refresh
 * token for it.
 *
 * @param scope the scope to ask for; empty to take the client's default
 */
public record ClientCredentialsGrant(Set<String> scope) implements Grant {
  /** Copies {@code scope}: later changes to the given set do not change the request. */
  public ClientCredentialsGrant {
    scope = Set.copyOf(requireNonNull(scope, "scope"));
  }

  /** The grant with the client's default scope. */
  public static ClientCredentialsGrant defaultScope() {
    return new ClientCredentialsGrant(Set.of());
  }

  @Override
  public String grantType() {
    return GrantType.CLIENT_CREDENTIALS.getValue();
  }
}
