package se.krebit.testkit;

import java.util.Map;
import java.util.Set;

/**
 * Who a token was issued to. Sealed so that the user principal of the authorization-code grant
 * joins as a second case and every switch over principals has to handle it.
 */
sealed interface Principal permits AppPrincipal {
  /** The client the token was issued to. */
  String clientId();

  /** The roles that {@link RoleRequirements} checks. */
  Set<String> roles();

  /** The identity {@code GET /api/1.0/me} answers with, in display order. */
  Map<String, Object> identity();
}
