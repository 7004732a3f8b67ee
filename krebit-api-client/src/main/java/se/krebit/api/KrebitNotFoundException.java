package se.krebit.api;

/** HTTP 404: no resource at this path, or none the identity may see. Not retryable. */
public final class KrebitNotFoundException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitNotFoundException(ApiFailure failure) {
    super(failure, "no such resource", false);
  }
}
