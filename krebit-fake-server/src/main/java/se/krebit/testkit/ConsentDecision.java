package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** What the user answers to an authorize request: approve as someone, or deny. */
sealed interface ConsentDecision {
  /** Approves as {@code userId}, whose tokens then carry {@code roles}. */
  record Approve(String userId, Set<String> roles) implements ConsentDecision {
    public Approve {
      ConsentScript.checkUserId(userId);
      roles = Set.copyOf(requireNonNull(roles, "roles"));
      roles.forEach(
          role -> {
            if (role.isBlank()) {
              throw new IllegalArgumentException("roles must not be blank");
            }
          });
    }
  }

  /** Denies; the client is sent {@code error=access_denied} with {@code description}. */
  record Deny(String description) implements ConsentDecision {
    public Deny {
      requireNonNull(description, "description");
    }
  }
}
