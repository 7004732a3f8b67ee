package se.krebit.api;

/**
 * HTTP 401, twice: the API refused the access token, and after the client invalidated it and
 * obtained a new one, refused that one too. Not retryable: the credentials, the tenant or the token
 * source need a look.
 */
public final class KrebitUnauthorizedException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitUnauthorizedException(ApiFailure failure) {
    super(
        failure,
        "the access token was refused, and so was a newly obtained one; check that the token source and the API belong to the same tenant",
        false);
  }
}
