package se.krebit.http.okhttp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * OkHttp's failures in the vocabulary of the JDK transport, so that whatever reads them (retry
 * decisions, typed API errors) sees the same kinds on both: a connect timeout as {@link
 * HttpConnectTimeoutException}, the call deadline as {@link HttpTimeoutException}, refused or
 * unreachable hosts and TLS failures as themselves without their cause. Anything else, above all
 * OkHttp's {@code ProtocolException}s, whose messages quote the status line or headers received,
 * becomes an {@link OkHttpTransportFailure} naming only its kind.
 */
final class OkHttpFailures {
  private OkHttpFailures() {}

  /**
   * @param connecting whether the call had no connection yet when it failed (a timeout then is the
   *     connect timeout)
   */
  static IOException safe(IOException failure, boolean connecting) {
    if (failure instanceof OkHttpTransportFailure || failure instanceof HttpTimeoutException) {
      return failure;
    }
    if (failure instanceof SocketTimeoutException && connecting) {
      return new HttpConnectTimeoutException("HTTP connect timed out");
    }
    if (failure instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
      // OkHttp's call deadline ("timeout") or a socket read timeout: the deadline passed.
      return new HttpTimeoutException("request timed out");
    }
    if (failure instanceof ConnectException
        || failure instanceof NoRouteToHostException
        || failure instanceof UnknownHostException
        || failure instanceof SSLException) {
      return withoutCause(failure);
    }
    return new OkHttpTransportFailure(
        "the connection failed or the response was malformed ("
            + failure.getClass().getSimpleName()
            + ")",
        failure);
  }

  /**
   * Whether {@code failure} ended the call while it was connecting (so a timeout is the connect
   * timeout).
   */
  static boolean isConnectPhase(IOException failure) {
    String message = failure.getMessage();
    return failure instanceof SocketTimeoutException
        && message != null
        && message.toLowerCase(java.util.Locale.ROOT).contains("connect");
  }

  private static IOException withoutCause(IOException failure) {
    if (failure.getCause() == null) {
      return failure;
    }
    IOException copy;
    String message = failure.getMessage();
    if (failure instanceof ConnectException) {
      copy = new ConnectException(message);
    } else if (failure instanceof NoRouteToHostException) {
      copy = new NoRouteToHostException(message);
    } else if (failure instanceof UnknownHostException) {
      copy = new UnknownHostException(message);
    } else {
      copy = new SSLException(message);
    }
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }
}
