package se.krebit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.internal.PrintableText;
import se.krebit.http.ResponseBodies;
import se.krebit.http.ResponseHeaders;
import se.krebit.http.RetryAfter;
import se.krebit.http.UnusableResponse;

/**
 * Turns every non-2xx response into its {@link KrebitApiException}, with status, {@code
 * request_id}, {@code Retry-After} and the server's one-line message when the body is JSON. A body
 * that is not JSON, too large or unreadable gives the same typed error without a message; it is
 * never quoted. Thread-safe.
 */
final class ApiErrorDecoder implements ErrorDecoder {
  private static final int MAX_MESSAGE_LENGTH = 200;
  private static final String[] MESSAGE_MEMBERS = {"message", "error_description", "error"};

  private final ObjectMapper json;
  private final ResponseBodies bodies;
  private final Clock clock;

  ApiErrorDecoder(ObjectMapper json, int maxResponseBytes, Clock clock) {
    this.json = json;
    this.bodies = new ResponseBodies(maxResponseBytes);
    this.clock = clock;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    return error(response);
  }

  /** The typed error of a non-2xx response. */
  KrebitApiException error(Response response) {
    return of(failure(response));
  }

  static KrebitApiException of(ApiFailure failure) {
    int status = failure.status();
    return switch (status) {
      case 400 -> new KrebitValidationException(failure);
      case 401 -> new KrebitUnauthorizedException(failure);
      case 403 -> new KrebitForbiddenException(failure);
      case 404 -> new KrebitNotFoundException(failure);
      case 409 -> new KrebitConflictException(failure);
      case 422 -> new KrebitUnprocessableException(failure);
      case 429 -> new KrebitRateLimitedException(failure);
      default ->
          status >= 500
              ? new KrebitServerErrorException(failure)
              : new KrebitUnexpectedResponseException(failure, unexpected(status));
    };
  }

  private ApiFailure failure(Response response) {
    @Nullable JsonNode body = null;
    @Nullable String note = null;
    if (ResponseBodies.allowsJson(response)) {
      body = jsonBody(response);
    } else {
      note = "a " + ResponseBodies.mediaType(response) + " body, not shown";
    }
    @Nullable Duration retryAfter = RetryAfter.of(response, clock).orElse(null);
    return new ApiFailure(
        response.request().httpMethod().name(),
        ApiFailure.pathOf(response.request().url()),
        response.status(),
        ResponseHeaders.requestId(response).orElse(null),
        serverMessage(body),
        note,
        retryAfter,
        FieldErrors.of(body));
  }

  /** The body as JSON; null if it is none. */
  private @Nullable JsonNode jsonBody(Response response) {
    try {
      return json.readTree(bodies.readJson(response));
    } catch (IOException | UnusableResponse e) {
      return null; // the status and request_id still make a typed error; the body is never quoted
    }
  }

  /** The body's {@code message}, {@code error_description} or {@code error}, made one safe line. */
  private static @Nullable String serverMessage(@Nullable JsonNode body) {
    for (String member : MESSAGE_MEMBERS) {
      JsonNode value = body == null ? null : body.get(member);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return oneLine(value.asText());
      }
    }
    return null;
  }

  /** At most 200 characters, control and format characters (line breaks, bidi overrides) as '?'. */
  static String oneLine(String text) {
    return PrintableText.line(text.strip(), MAX_MESSAGE_LENGTH);
  }

  private static String unexpected(int status) {
    if (status >= 300 && status < 400) {
      return "redirects are not followed, so that no token is sent elsewhere; check the API base URI";
    }
    return "a status this client has no type for";
  }
}
