package se.krebit.http;

import java.io.IOException;

/**
 * A failure of an exchange named by its kind only, standing in for the HTTP stack's own exception,
 * whose message may quote what the server sent. It keeps that exception's stack trace, for
 * diagnosis, but neither its message nor its cause.
 */
public final class TransportFailure extends IOException {
  private static final long serialVersionUID = 1L;

  TransportFailure(String kind, Throwable original) {
    super(kind);
    setStackTrace(original.getStackTrace());
  }
}
