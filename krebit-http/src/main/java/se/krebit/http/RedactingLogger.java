package se.krebit.http;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.Optional;

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
      requestLine(log, request.httpMethod().name(), request.url());
    }
  }

  /** Returns the response untouched: Feign's version reads the whole body to log it. */
  @Override
  protected Response logAndRebufferResponse(
      String configKey, Level logLevel, Response response, long elapsedMillis) {
    if (!log.isDebugEnabled()) {
      return response;
    }
    responseLine(
        log,
        response.status(),
        response.request().httpMethod().name(),
        response.request().url(),
        elapsedMillis,
        ResponseHeaders.requestId(response));
    return response;
  }

  @Override
  protected IOException logIOException(
      String configKey, Level logLevel, IOException ioe, long elapsedMillis) {
    if (log.isDebugEnabled()) {
      failureLine(log, elapsedMillis, ioe);
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

  /**
   * The request line, {@code --> GET https://host/path}, for a caller that checked {@code
   * log.isDebugEnabled()}: the same line whether Feign or a direct call sends the request.
   */
  public static void requestLine(org.slf4j.Logger log, String method, String url) {
    log.debug("--> {} {}", method, withoutQuery(url));
  }

  /**
   * The response line, {@code <-- 200 GET https://host/path (12 ms) request_id=…}, for a caller
   * that checked {@code log.isDebugEnabled()}.
   *
   * @param requestId the response's {@code request_id}, already made printable; empty if none
   */
  public static void responseLine(
      org.slf4j.Logger log,
      int status,
      String method,
      String url,
      long elapsedMillis,
      Optional<String> requestId) {
    log.debug(
        "<-- {} {} {} ({} ms) request_id={}",
        status,
        method,
        withoutQuery(url),
        elapsedMillis,
        requestId.orElse("none"));
  }

  /** The line of an exchange that got no response, for a caller that checked the level. */
  public static void failureLine(org.slf4j.Logger log, long elapsedMillis, IOException failure) {
    log.debug("<-- failed ({} ms): {}", elapsedMillis, TransportFailures.describe(failure));
  }

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
