package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The identity a token acts as, as {@code GET /api/1.0/me} describes it in Krebit's users guide: a
 * person, or a service account for an app-only token. Immutable.
 *
 * @param id Krebit's identifier of the identity (a UUID in the guide's example); store it to tell
 *     who did what
 * @param name the display name, when Krebit gives one
 * @param email the email address, when Krebit gives one (a service account may have none)
 * @param organization the tenant's organization, when Krebit gives it
 * @param roles the roles the identity holds, which decide what answers 403; the guide says roles
 *     come from the API without naming the member, so this is the {@code roles} member when present
 *     (strings, or objects with a {@code name}), else empty
 */
public record Me(
    String id,
    Optional<String> name,
    Optional<String> email,
    Optional<Organization> organization,
    List<String> roles) {
  /**
   * Requires every member (absent ones as empty) and copies {@code roles}: later changes to the
   * given list do not show here.
   */
  public Me {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(email, "email");
    requireNonNull(organization, "organization");
    roles = List.copyOf(requireNonNull(roles, "roles"));
  }

  /** Whether the identity holds {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(requireNonNull(role, "role"));
  }

  /**
   * The organization a tenant belongs to.
   *
   * @param id Krebit's identifier of the organization
   * @param name its name, when Krebit gives one
   */
  public record Organization(String id, Optional<String> name) {
    /** Requires both members; an organization without a name has it empty. */
    public Organization {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
    }
  }
}
