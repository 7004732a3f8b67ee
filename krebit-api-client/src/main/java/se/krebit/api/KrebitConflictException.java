package se.krebit.api;

/**
 * HTTP 409: the request conflicts with the current state of the resource, for example after a
 * concurrent change. Not retryable as is: read the resource again first.
 */
public final class KrebitConflictException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitConflictException(ApiFailure failure) {
    super(failure, "the request conflicts with the resource's current state", false);
  }
}
