package se.krebit.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one rule for failures that come out of the HTTP stack: a caller sees only an {@link
 * IOException} whose message can't carry response bytes. The JDK's connection-level failures
 * (refused, timed out, TLS) keep their type and message, which describe the connection, but not
 * their cause, which may be the parser's failure quoting what it had received. Anything else, above
 * all a parse failure, whose message may quote the status line, a header or the body (a token,
 * say), is replaced by a {@link TransportFailure} that names only its kind.
 */
public final class TransportFailures {
  private TransportFailures() {}

  /**
   * {@code failure} as an {@link IOException} safe to keep as a cause and to describe: a
   * connection-level failure of the JDK as itself (without its cause), anything else as a {@link
   * TransportFailure} naming its kind, with its stack trace and without its message or cause.
   */
  public static IOException safe(Throwable failure) {
    Throwable unwrapped = failure;
    while ((unwrapped instanceof ExecutionException || unwrapped instanceof CompletionException)
        && unwrapped.getCause() != null) {
      unwrapped = unwrapped.getCause();
    }
    if (unwrapped instanceof TransportFailure) {
      return (IOException) unwrapped;
    }
    if (isConnectionLevel(unwrapped)) {
      return withoutCause((IOException) unwrapped);
    }
    String kind =
        unwrapped instanceof ProtocolException || !(unwrapped instanceof IOException)
            ? "the response is not valid HTTP/1.1"
            : "the connection failed or the response was malformed";
    return new TransportFailure(
        kind + " (" + unwrapped.getClass().getSimpleName() + ")", unwrapped);
  }

  /**
   * The failure's kind and, for connection-level failures, the JDK's short text: {@code "read
   * timeout (…)"}.
   */
  public static String describe(IOException e) {
    if (e instanceof TransportFailure) {
      return e.getMessage();
    }
    String kind;
    if (e instanceof HttpConnectTimeoutException) {
      kind = "connect timeout";
    } else if (e instanceof HttpTimeoutException) {
      kind = "read timeout";
    } else {
      kind = e.getClass().getSimpleName();
    }
    String detail = isConnectionLevel(e) ? e.getMessage() : null;
    return detail == null || detail.isBlank()
        ? kind
        : kind + " (" + ResponseHeaders.printable(detail) + ")";
  }

  /**
   * {@code failure} of the same type and message, but no cause: the JDK may chain the parser's own
   * failure, which quotes the bytes received, under a timeout or a cancellation.
   */
  private static IOException withoutCause(IOException failure) {
    if (failure.getCause() == null) {
      return failure;
    }
    String message = failure.getMessage();
    IOException copy;
    if (failure instanceof HttpConnectTimeoutException) {
      copy = new HttpConnectTimeoutException(message);
    } else if (failure instanceof HttpTimeoutException) {
      copy = new HttpTimeoutException(message);
    } else if (failure instanceof ConnectException) {
      copy = new ConnectException(message);
    } else if (failure instanceof SSLHandshakeException) {
      copy = new SSLHandshakeException(message);
    } else if (failure instanceof SSLPeerUnverifiedException) {
      copy = new SSLPeerUnverifiedException(message);
    } else {
      copy = new SSLException(message);
    }
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  /** Failures the JDK raises about the connection itself, before or beside any response bytes. */
  private static boolean isConnectionLevel(Throwable failure) {
    return failure instanceof ConnectException
        || failure instanceof HttpTimeoutException
        || failure instanceof SSLException;
  }
}
