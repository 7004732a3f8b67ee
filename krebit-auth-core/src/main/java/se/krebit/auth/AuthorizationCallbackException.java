package se.krebit.auth;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authorization callback can't complete a sign-in. Each reason is its own subclass, so a web
 * application can answer each differently (a replay is an attack; a denial is the user's choice).
 * None is retryable with the same callback: start a new sign-in.
 */
public abstract sealed class AuthorizationCallbackException extends KrebitException {
  private static final long serialVersionUID = 1L;

  private AuthorizationCallbackException(String message, @Nullable Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }

  /**
   * The callback is not a well-formed authorization response (duplicate or oversized parameters, a
   * fragment, no state).
   */
  public static final class MalformedCallback extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    MalformedCallback(String problem) {
      super("The authorization callback is malformed: " + problem + ". Start a new sign-in.", null);
    }
  }

  /** No sign-in with this {@code state} was begun here: a forged or misrouted callback (CSRF). */
  public static final class UnknownState extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    UnknownState() {
      super(
          "The callback's state matches no sign-in begun here; it may be forged (CSRF) or reached another"
              + " node without a shared state repository.",
          null);
    }
  }

  /** The callback with this {@code state} was already used: a replay. */
  public static final class ReusedState extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    ReusedState() {
      super("The callback's state was already used; a callback completes one sign-in only.", null);
    }
  }

  /** The sign-in was begun too long ago. */
  public static final class ExpiredState extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    ExpiredState() {
      super("The sign-in took longer than the state's lifetime; start a new sign-in.", null);
    }
  }

  /** The callback arrived at another redirect URI than the one the sign-in was begun with. */
  public static final class RedirectUriMismatch extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    RedirectUriMismatch() {
      super("The callback arrived at another redirect URI than the sign-in was begun with.", null);
    }
  }

  /** The callback reports success but carries no {@code code}. */
  public static final class MissingCode extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    MissingCode() {
      super("The authorization callback carries no code.", null);
    }
  }

  /**
   * Krebit answered with an OAuth error (RFC 6749 §4.1.2.1): {@code access_denied} when the user
   * declined, or another code naming a problem with the request or the server.
   */
  public static final class AuthorizationError extends AuthorizationCallbackException {
    private static final long serialVersionUID = 1L;

    /** The user declined consent. */
    public static final String ACCESS_DENIED = "access_denied";

    /** The {@code error} code as Krebit sent it, sanitized to printable text. */
    private final String error;

    /**
     * The {@code error_description}, sanitized to one printable line; null when Krebit sent none.
     */
    private final @Nullable String description;

    AuthorizationError(String error, @Nullable String description) {
      super(message(error, description), null);
      this.error = error;
      this.description = description;
    }

    /** The {@code error} code, for example {@code access_denied}. */
    public String error() {
      return error;
    }

    /** The {@code error_description}, cut to a printable line. */
    public Optional<String> errorDescription() {
      return Optional.ofNullable(description);
    }

    /** Whether the user declined consent. */
    public boolean isAccessDenied() {
      return ACCESS_DENIED.equals(error);
    }

    private static String message(String error, @Nullable String description) {
      String hint =
          ACCESS_DENIED.equals(error)
              ? "The user declined to grant access."
              : "Krebit refused the authorization request.";
      return error + ": " + hint + (description == null ? "" : " Server said: " + description);
    }
  }

  /** Builds an {@link AuthorizationError} from the callback's parameters, sanitized. */
  static AuthorizationError error(String error, @Nullable String description) {
    return new AuthorizationError(
        OAuthErrorException.sanitize(error),
        description == null ? null : OAuthErrorException.sanitize(description));
  }
}
