package se.krebit.auth.feign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.KrebitException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.ResponseBodies;
import se.krebit.http.ResponseHeaders;
import se.krebit.http.RetryAfter;
import se.krebit.http.TransportFailures;
import se.krebit.http.UnusableResponse;

/**
 * Turns one HTTP response of the token endpoint into a {@link TokenResponse} or the typed error its
 * status and body call for, capturing {@code request_id} into either:
 *
 * <ul>
 *   <li>2xx: a validated token response, or the OAuth error if the body carries {@code error}; a
 *       response without {@code expires_in} (RFC 6749 only recommends it) gets the configured
 *       lifetime, said once at INFO;
 *   <li>404: {@link EndpointNotFound}, whatever the body: no token endpoint is at this URL;
 *   <li>429 and 5xx: {@link TokenEndpointUnavailableException} with status and {@code Retry-After};
 *   <li>other 4xx: the OAuth error of the body, or {@link InvalidTokenResponseException} when the
 *       body is not an OAuth error response (the server never said which OAuth error it was, so
 *       none is invented);
 *   <li>anything else (redirects are not followed): {@link InvalidTokenResponseException}.
 * </ul>
 *
 * Whatever a body makes a parser throw leaves as one of these, never untyped. Thread-safe.
 */
final class TokenResponseReader {
  private static final int NOT_FOUND = 404;
  private static final int TOO_MANY_REQUESTS = 429;
  private static final Logger LOG = LoggerFactory.getLogger(FeignTokenEndpoint.class);

  private final URI endpoint;
  private final ResponseBodies bodies;
  private final Clock clock;
  private final Duration expiresInWhenAbsent;
  private final AtomicBoolean expiresInAbsentReported;

  /**
   * @param expiresInWhenAbsent the lifetime of a token whose response has no {@code expires_in}
   * @param expiresInAbsentReported set once that has been logged, shared by the readers of one
   *     endpoint
   */
  TokenResponseReader(
      URI endpoint,
      int maxResponseBytes,
      Clock clock,
      Duration expiresInWhenAbsent,
      AtomicBoolean expiresInAbsentReported) {
    this.endpoint = endpoint;
    this.bodies = new ResponseBodies(maxResponseBytes);
    this.clock = clock;
    this.expiresInWhenAbsent = expiresInWhenAbsent;
    this.expiresInAbsentReported = expiresInAbsentReported;
  }

  /**
   * @throws EndpointNotFound if the answer is a 404
   */
  TokenResponse read(Response response) {
    int status = response.status();
    @Nullable String requestId = ResponseHeaders.requestId(response).orElse(null);
    if (status == NOT_FOUND) {
      throw new EndpointNotFound(requestId);
    }
    if (status == TOO_MANY_REQUESTS || status >= 500) {
      throw unavailable(response, status, requestId);
    }
    try {
      if (status >= 200 && status < 300) {
        return success(response, status, requestId);
      }
      if (status >= 400) {
        throw clientError(response, status, requestId);
      }
      throw new InvalidTokenResponseException(
          "token endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + " instead of a token response;"
              + " redirects are not followed, so check the token endpoint URL",
          status,
          requestId,
          null);
    } catch (IOException e) {
      throw new TokenEndpointUnavailableException(
          "reading the answer of token endpoint "
              + endpoint
              + " failed: "
              + TransportFailures.describe(e),
          status,
          null,
          requestId,
          e);
    } catch (KrebitException e) {
      throw e;
    } catch (RuntimeException e) {
      // The parser edge's one rule: nothing untyped leaves it. The original is dropped, not kept as
      // the cause: a parser's message may quote the body, and the body may be a token.
      throw new InvalidTokenResponseException(
          "token endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + " with a response that could not be read ("
              + e.getClass().getSimpleName()
              + ")",
          status,
          requestId,
          null);
    }
  }

  private TokenResponse success(Response response, int status, @Nullable String requestId)
      throws IOException {
    try {
      ObjectNode body = TokenJson.parseObject(bodies.readJson(response));
      if (TokenResponseValidator.isError(body)) {
        throw TokenResponseValidator.error(body, status, requestId);
      }
      TokenResponse tokens = TokenResponseValidator.success(body, requestId, expiresInWhenAbsent);
      if (!body.hasNonNull(TokenResponseValidator.EXPIRES_IN)
          && expiresInAbsentReported.compareAndSet(false, true)) {
        LOG.info(
            "Token endpoint {} sends no expires_in: its tokens are taken to live {} s (set expiresInWhenAbsent,"
                + " or {}, to change that)",
            endpoint,
            expiresInWhenAbsent.toSeconds(),
            EnvironmentConfig.EXPIRES_IN_WHEN_ABSENT);
      }
      return tokens;
    } catch (UnusableResponse e) {
      throw new InvalidTokenResponseException(
          "token endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + " with an unusable token response: "
              + e.reason(),
          status,
          requestId,
          null);
    }
  }

  private RuntimeException clientError(Response response, int status, @Nullable String requestId)
      throws IOException {
    try {
      ObjectNode body = TokenJson.parseObject(bodies.readJson(response));
      if (!TokenResponseValidator.isError(body)) {
        throw new UnusableResponse("the body has no error member");
      }
      return TokenResponseValidator.error(body, status, requestId);
    } catch (UnusableResponse e) {
      return new InvalidTokenResponseException(
          "token endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + " without an OAuth error response ("
              + e.reason()
              + "); check the token endpoint URL and the request format",
          status,
          requestId,
          null);
    }
  }

  private TokenEndpointUnavailableException unavailable(
      Response response, int status, @Nullable String requestId) {
    @Nullable Duration retryAfter = RetryAfter.of(response, clock).orElse(null);
    String wait = retryAfter == null ? "" : ", asking to wait " + retryAfter.toSeconds() + " s";
    return new TokenEndpointUnavailableException(
        "token endpoint " + endpoint + " answered HTTP " + status + wait + "; try again later",
        status,
        retryAfter,
        requestId,
        null);
  }
}
