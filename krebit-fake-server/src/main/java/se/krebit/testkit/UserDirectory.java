package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the fake's identities are, as {@code GET /api/1.0/me} shows them in the users guide's shape:
 * {@code {"data": {"id", "name", "email", "organization": {"id", "name"}}}}. A user is described by
 * the profile a test gave it, else by its id (name: the id, email: {@code id@example.com}). An
 * app-only token is a service account: id {@code app_<client id>}, name the client id, no email.
 * Everyone belongs to the one organization. {@code roles} follows, with the principal's roles, only
 * when it has any: the guide says roles come from the API without naming the member, so this name
 * is the fake's assumption. Immutable, so thread-safe.
 */
final class UserDirectory {
  private final Organization organization;
  private final Map<String, Profile> profiles;

  /** A user's name and email, as a test describes it. */
  record Profile(String name, String email) {
    Profile {
      requireNonNull(name, "name");
      requireNonNull(email, "email");
    }
  }

  /** The tenant's organization. */
  record Organization(String id, String name) {
    Organization {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
    }
  }

  UserDirectory(Organization organization, Map<String, Profile> profiles) {
    this.organization = organization;
    this.profiles = Map.copyOf(profiles);
  }

  /** The body of {@code GET /api/1.0/me} for {@code principal}, members in the guide's order. */
  Map<String, Object> me(Principal principal) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (principal instanceof UserPrincipal user) {
      Profile profile =
          profiles.getOrDefault(
              user.userId(), new Profile(user.userId(), user.userId() + "@example.com"));
      data.put("id", user.userId());
      data.put("name", profile.name());
      data.put("email", profile.email());
    } else {
      data.put("id", "app_" + principal.clientId());
      data.put("name", principal.clientId());
    }
    Map<String, Object> org = new LinkedHashMap<>();
    org.put("id", organization.id());
    org.put("name", organization.name());
    data.put("organization", org);
    if (!principal.roles().isEmpty()) {
      data.put("roles", List.copyOf(principal.roles()));
    }
    return Map.of("data", data);
  }

  Optional<Profile> profile(String userId) {
    return Optional.ofNullable(profiles.get(userId));
  }
}
