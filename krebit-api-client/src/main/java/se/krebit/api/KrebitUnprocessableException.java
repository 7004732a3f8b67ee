package se.krebit.api;

/**
 * HTTP 422: the request was well-formed but its content was rejected; {@link #serverMessage()}
 * usually says why. Not retryable as is.
 */
public final class KrebitUnprocessableException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitUnprocessableException(ApiFailure failure) {
    super(failure, "the request was understood but its content is invalid", false);
  }
}
