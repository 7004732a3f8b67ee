package se.krebit.http.okhttp;

import java.io.IOException;

/**
 * A failure of an exchange on OkHttp named by its kind only, standing in for OkHttp's exception,
 * whose message may quote what the server sent. It keeps that exception's stack trace, for
 * diagnosis, but neither its message nor its cause.
 */
public final class OkHttpTransportFailure extends IOException {
  private static final long serialVersionUID = 1L;

  OkHttpTransportFailure(String kind, Throwable original) {
    super(kind);
    setStackTrace(original.getStackTrace());
  }
}
