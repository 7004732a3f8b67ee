package se.krebit.auth;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.internal.PrintableText;

/**
 * The token endpoint answered with an OAuth 2.0 error (RFC 6749 §5.2). The three errors the Krebit
 * guide names have their own subclasses; any other {@code error} code arrives as this type.
 *
 * <p>Never retryable: the request itself has to change.
 */
public sealed class OAuthErrorException extends KrebitException
    permits InvalidClientException, InvalidGrantException, UnsupportedGrantTypeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DESCRIPTION_LENGTH = 200;

  /** The OAuth {@code error} code, sanitized to printable text. */
  private final String error;

  /** The {@code error_description}, cut to one printable line; null when the server sent none. */
  private final @Nullable String description;

  /** The HTTP status of the error response. */
  private final int httpStatus;

  OAuthErrorException(
      String error,
      @Nullable String description,
      int httpStatus,
      @Nullable String requestId,
      String hint) {
    super(message(error, description, hint), requestId, null);
    this.error = error;
    this.description = description;
    this.httpStatus = httpStatus;
  }

  /**
   * Maps an OAuth error response to its type.
   *
   * @param error the {@code error} member, for example {@code invalid_client}
   * @param description the {@code error_description} member, if the server sent one
   * @param httpStatus the HTTP status of the response
   * @param requestId the {@code request_id} response header, if present
   */
  public static OAuthErrorException of(
      String error, @Nullable String description, int httpStatus, @Nullable String requestId) {
    String safeError = sanitize(error);
    String safeDescription = description == null ? null : sanitize(description);
    return switch (safeError) {
      case InvalidClientException.ERROR ->
          new InvalidClientException(safeDescription, httpStatus, requestId);
      case InvalidGrantException.ERROR ->
          new InvalidGrantException(safeDescription, httpStatus, requestId);
      case UnsupportedGrantTypeException.ERROR ->
          new UnsupportedGrantTypeException(safeDescription, httpStatus, requestId);
      default ->
          new OAuthErrorException(
              safeError, safeDescription, httpStatus, requestId, "The token request was refused.");
    };
  }

  /** The OAuth {@code error} code, for example {@code invalid_client}. */
  public String error() {
    return error;
  }

  /** The server's {@code error_description}, cut to a printable line. */
  public Optional<String> errorDescription() {
    return Optional.ofNullable(description);
  }

  /** The HTTP status the token endpoint answered with. */
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }

  private static String message(String error, @Nullable String description, String hint) {
    return error + ": " + hint + (description == null ? "" : " Server said: " + description);
  }

  /** Keeps server text to one short printable line, so a hostile server can't forge log lines. */
  static String sanitize(String text) {
    return PrintableText.line(text, MAX_DESCRIPTION_LENGTH);
  }
}
