package se.krebit.http;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;

/**
 * Feign's wire logger, redacted by construction: at every level, {@code FULL} included, it logs
 * method, URL (without its query), status, elapsed milliseconds and {@code request_id}, and never a
 * header or a body. Feign's own formatting (which prints the {@code Authorization} header and the
 * body at {@code FULL}) is bypassed. Lines go to the given SLF4J logger at DEBUG. Thread-safe.
 */
public final class RedactingLogger extends Logger {
  private final org.slf4j.Logger log;

  /**
   * @param log where the lines go, at DEBUG
   */
  public RedactingLogger(org.slf4j.Logger log) {
    this.log = log;
  }

  // Feign calls these on every request at every level but NONE: with DEBUG off, they return before
  // computing the line's arguments (redacting the URL and the request_id costs more than the
  // check).

  @Override
  protected void logRequest(String configKey, Level logLevel, Request request) {
    if (log.isDebugEnabled()) {
      log.debug("--> {} {}", request.httpMethod(), withoutQuery(request.url()));
    }
  }

  /** Returns the response untouched: Feign's version reads the whole body to log it. */
  @Override
  protected Response logAndRebufferResponse(
      String configKey, Level logLevel, Response response, long elapsedMillis) {
    if (!log.isDebugEnabled()) {
      return response;
    }
    log.debug(
        "<-- {} {} {} ({} ms) request_id={}",
        response.status(),
        response.request().httpMethod(),
        withoutQuery(response.request().url()),
        elapsedMillis,
        ResponseHeaders.requestId(response).orElse("none"));
    return response;
  }

  @Override
  protected IOException logIOException(
      String configKey, Level logLevel, IOException ioe, long elapsedMillis) {
    if (log.isDebugEnabled()) {
      log.debug("<-- failed ({} ms): {}", elapsedMillis, TransportFailures.describe(ioe));
    }
    return ioe;
  }

  @Override
  protected void logRetry(String configKey, Level logLevel) {
    log.debug("--> retrying {}", configKey); // Feign never retries here; Resilience4j does
  }

  /**
   * Drops the line. Every path Feign logs through is overridden above; anything that still arrives
   * here is Feign formatting headers or a body, which must never be written.
   */
  @Override
  protected void log(String configKey, String format, Object... args) {}

  /** The URL without query or fragment: queries may carry personal data, paths name resources. */
  public static String withoutQuery(String url) {
    int end = url.length();
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    if (query >= 0) {
      end = query;
    }
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return ResponseHeaders.printable(url.substring(0, end));
  }
}
