package se.krebit.auth.feign.internal;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * Names an I/O failure for an error message: its kind and the JDK's short text, which describes the
 * connection and never carries request or response content.
 */
public final class TransportFailures {
  private TransportFailures() {}

  /** The failure's kind and the JDK's short text, for example {@code "read timeout (…)"}. */
  public static String describe(IOException e) {
    String kind;
    if (e instanceof HttpConnectTimeoutException) {
      kind = "connect timeout";
    } else if (e instanceof HttpTimeoutException) {
      kind = "read timeout";
    } else {
      kind = e.getClass().getSimpleName();
    }
    String detail = e.getMessage();
    return detail == null || detail.isBlank()
        ? kind
        : kind + " (" + ResponseHeaders.printable(detail) + ")";
  }
}
