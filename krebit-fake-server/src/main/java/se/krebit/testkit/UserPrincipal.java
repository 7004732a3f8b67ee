package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user acting through a client, as with the authorization-code grant: the user who consented, the
 * roles the consent gave, the scope granted, and the token family that every token descended from
 * that consent belongs to.
 *
 * @param userId the user's id, as {@code GET /api/1.0/me} shows it
 * @param clientId the client the user consented to
 * @param roles the user's roles, sorted
 * @param scope the scope granted, in the order asked for; empty if none was asked for
 * @param familyId the token family: the code, and every refresh and access token descended from it
 */
record UserPrincipal(
    String userId, String clientId, Set<String> roles, List<String> scope, String familyId)
    implements Principal {
  UserPrincipal {
    requireNonNull(userId, "userId");
    requireNonNull(clientId, "clientId");
    roles = Collections.unmodifiableSet(new TreeSet<>(roles));
    scope = List.copyOf(scope);
    requireNonNull(familyId, "familyId");
  }

  /** The same user with a narrower scope, as a refresh request may ask for (RFC 6749 §6). */
  UserPrincipal withScope(List<String> narrower) {
    return new UserPrincipal(userId, clientId, roles, narrower, familyId);
  }

  @Override
  public String describe() {
    return "user '" + userId + "' of client '" + clientId + "'";
  }
}
