package se.krebit.api;

import java.io.IOException;

/**
 * No response arrived: the connection failed, was reset, or timed out. Retryable; the client has
 * already retried idempotent calls. For a POST or PATCH it is unknown whether the server acted.
 */
public final class KrebitApiUnavailableException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitApiUnavailableException(String method, String path, String what, IOException cause) {
    super(method, path, method + " " + path + " failed without a response: " + what, cause);
  }
}
