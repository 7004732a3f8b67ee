package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * A sign-in that completed: whose tokens are now stored, and where the application asked to send
 * the user afterwards (already checked against open redirects).
 *
 * @param subject the subject given to {@code begin}
 * @param returnTo the {@code returnTo} given to {@code begin}, if any
 * @param scope the scope Krebit granted; empty if it named none
 */
public record CompletedAuthorization(String subject, Optional<String> returnTo, Set<String> scope) {
  /**
   * Requires every member and copies {@code scope}: later changes to the given set do not show
   * here.
   */
  public CompletedAuthorization {
    requireNonNull(subject, "subject");
    requireNonNull(returnTo, "returnTo");
    scope = Set.copyOf(requireNonNull(scope, "scope"));
  }
}
