package se.krebit.testkit.vault;

import java.util.List;

/**
 * A request the fake refuses, as Vault refuses it: an HTTP status and the {@code errors} array.
 * Thrown inside the fake and turned into a response by {@link VaultReplies}.
 */
final class VaultError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Vault's text for a path the token's policy does not allow, as {@code go-multierror} prints it.
   */
  static final String PERMISSION_DENIED = "1 error occurred:\n\t* permission denied\n\n";

  /**
   * The text for a missing token, and for a token that is unknown, revoked or past its TTL on Vault
   * 1.16 and older and OpenBao: the bare error, not wrapped by {@code go-multierror}.
   */
  static final String BARE_PERMISSION_DENIED = "permission denied";

  /** Vault 1.17's text for a token that is unknown, revoked or past its TTL. */
  static final String INVALID_TOKEN =
      "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n";

  static final String SEALED = "Vault is sealed";
  static final String UNSUPPORTED_PATH = "1 error occurred:\n\t* unsupported path\n\n";
  static final String INVALID_CREDENTIALS = "invalid role or secret ID";
  static final String INVALID_WRAPPING_TOKEN = "wrapping token is not valid or does not exist";
  static final String KV_UPGRADING =
      "Upgrading from non-versioned to versioned data. This backend will be"
          + " unavailable for a brief period and will resume service shortly.";
  static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";
  static final String CAS_REQUIRED = "check-and-set parameter required for this call";

  private final int status;
  // An array, not a List: a Throwable's fields must be serializable types (javac's serial lint).
  private final String[] errors;

  private VaultError(int status, String[] errors) {
    super(status + " " + List.of(errors), null, false, false);
    this.status = status;
    this.errors = errors;
  }

  static VaultError of(int status, String... errors) {
    return new VaultError(status, errors.clone());
  }

  static VaultError badRequest(String message) {
    return of(400, message);
  }

  static VaultError permissionDenied() {
    return of(403, PERMISSION_DENIED);
  }

  /** A token that is unknown, revoked or past its TTL, as {@code flavour} words it. */
  static VaultError invalidToken(VaultFlavour flavour) {
    return of(403, flavour.saysInvalidToken() ? INVALID_TOKEN : BARE_PERMISSION_DENIED);
  }

  /** A request without a token. */
  static VaultError missingToken() {
    return of(403, BARE_PERMISSION_DENIED);
  }

  /**
   * A path inside a mount that none of the engine's paths matches, such as a Transit key name
   * ending in '-'.
   */
  static VaultError unsupportedPath() {
    return of(404, UNSUPPORTED_PATH);
  }

  /** A 404 with an empty {@code errors} array: what Vault answers for a path with nothing there. */
  static VaultError notFound() {
    return of(404);
  }

  static VaultError noRoute(String path) {
    return of(404, "no handler for route \"" + path + "\". route entry not found.");
  }

  int status() {
    return status;
  }

  List<String> errors() {
    return List.of(errors);
  }
}
