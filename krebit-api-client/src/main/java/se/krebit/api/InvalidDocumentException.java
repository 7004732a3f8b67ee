package se.krebit.api;

import se.krebit.auth.KrebitException;

/**
 * A file that can't be uploaded as a signing document, found before anything is sent: not a PDF (it
 * does not begin with {@code %PDF-}), not under 10 MiB (the quickstart's limit), or not a readable
 * file. Not retryable.
 */
public final class InvalidDocumentException extends KrebitException {
  private static final long serialVersionUID = 1L;

  InvalidDocumentException(String message, Throwable cause) {
    super(message, null, cause);
  }

  InvalidDocumentException(String message) {
    super(message, null, null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
