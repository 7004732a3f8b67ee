package se.krebit.auth.feign;

import org.jspecify.annotations.Nullable;

/**
 * Internal signal that a token endpoint URL answered 404: nothing there processed the request, so
 * {@link FeignTokenEndpoint} may ask the tenant's other documented path, or reports a configuration
 * error. Carries no stack trace: it never reaches users.
 */
final class EndpointNotFound extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String requestId;

  EndpointNotFound(@Nullable String requestId) {
    super("HTTP 404", null, false, false);
    this.requestId = requestId;
  }

  @Nullable String requestId() {
    return requestId;
  }
}
