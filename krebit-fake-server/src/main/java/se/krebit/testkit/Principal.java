package se.krebit.testkit;

import java.util.Set;

/**
 * Who a token was issued to: an app for itself, or a user through an app. Sealed: only these two.
 */
sealed interface Principal permits AppPrincipal, UserPrincipal {
  /** The client the token was issued to. */
  String clientId();

  /** The roles that {@link RoleRequirements} checks. */
  Set<String> roles();

  /** Who this is, for error messages: for example {@code client 'demo-client'}. */
  String describe();
}
