package se.krebit.auth.feign;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import org.slf4j.LoggerFactory;

/**
 * Feign's wire logger, redacted by construction: at every level, {@code FULL} included, it logs
 * method, URL, status, elapsed milliseconds and {@code request_id}, and never a header or a body.
 * Feign's own formatting (which prints the {@code Authorization} header and the body at {@code
 * FULL}) is bypassed. Lines go to SLF4J at DEBUG. Thread-safe.
 */
final class RedactingLogger extends Logger {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RedactingLogger.class);

  private final URI endpoint;

  RedactingLogger(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  protected void logRequest(String configKey, Level logLevel, Request request) {
    LOG.debug("--> {} {}", request.httpMethod(), endpoint);
  }

  /** Returns the response untouched: Feign's version reads the whole body to log it. */
  @Override
  protected Response logAndRebufferResponse(
      String configKey, Level logLevel, Response response, long elapsedMillis) {
    String requestId = ResponseHeaders.requestId(response);
    LOG.debug(
        "<-- {} {} {} ({} ms) request_id={}",
        response.status(),
        response.request().httpMethod(),
        endpoint,
        elapsedMillis,
        requestId == null ? "none" : requestId);
    return response;
  }

  @Override
  protected IOException logIOException(
      String configKey, Level logLevel, IOException ioe, long elapsedMillis) {
    LOG.debug(
        "<-- failed {} ({} ms): {}", endpoint, elapsedMillis, TransportFailures.describe(ioe));
    return ioe;
  }

  @Override
  protected void logRetry(String configKey, Level logLevel) {
    LOG.debug("--> retrying {}", endpoint); // Feign never retries here; Resilience4j does
  }

  /**
   * Drops the line. Every path Feign logs through is overridden above; anything that still arrives
   * here is Feign formatting headers or a body, which must never be written.
   */
  @Override
  protected void log(String configKey, String format, Object... args) {}
}
