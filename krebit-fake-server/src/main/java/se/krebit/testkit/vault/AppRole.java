package se.krebit.testkit.vault;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An AppRole role the fake accepts logins for.
 *
 * @param mount the auth mount, such as {@code approle} (logins go to {@code auth/<mount>/login})
 * @param roleName the role's name, shown in the token's metadata
 * @param roleId the role id to present
 * @param tokenTtl the TTL of the tokens it issues, and what a renewal extends them by
 * @param tokenMaxTtl how long a token can live, renewals included
 */
record AppRole(
    String mount, String roleName, String roleId, Duration tokenTtl, Duration tokenMaxTtl) {
  AppRole {
    requireNonNull(mount, "mount");
    requireNonNull(roleName, "roleName");
    requireNonNull(roleId, "roleId");
    requireNonNull(tokenTtl, "tokenTtl");
    requireNonNull(tokenMaxTtl, "tokenMaxTtl");
  }

  /** The path its logins go to. */
  String loginPath() {
    return "auth/" + mount + "/login";
  }

  @Override
  public String toString() {
    return "AppRole["
        + mount
        + ", "
        + roleName
        + ", ttl="
        + tokenTtl
        + ", max_ttl="
        + tokenMaxTtl
        + "]";
  }
}
