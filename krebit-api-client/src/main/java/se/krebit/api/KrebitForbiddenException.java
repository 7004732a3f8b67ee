package se.krebit.api;

/**
 * HTTP 403: the token is valid, but its identity lacks a role the resource requires; {@link
 * #serverMessage()} usually names it. Not retryable.
 */
public final class KrebitForbiddenException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitForbiddenException(ApiFailure failure) {
    super(
        failure,
        "the identity lacks a role this resource requires; ask the tenant's administrator to grant it",
        false);
  }
}
