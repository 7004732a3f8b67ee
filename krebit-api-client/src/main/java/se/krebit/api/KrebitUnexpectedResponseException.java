package se.krebit.api;

/**
 * The API answered with something this client can't use: a status with no type of its own (405, a
 * redirect, which is never followed, …) or a success whose body is not what the method returns (not
 * JSON, malformed, too large, empty, or without the resource's id). Not retryable.
 */
public final class KrebitUnexpectedResponseException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitUnexpectedResponseException(ApiFailure failure, String hint) {
    super(failure, hint, false);
  }
}
