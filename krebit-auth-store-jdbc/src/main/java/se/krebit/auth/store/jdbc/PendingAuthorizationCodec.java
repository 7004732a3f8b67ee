package se.krebit.auth.store.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import se.krebit.auth.spi.PendingAuthorization;

/**
 * A {@link PendingAuthorization} without its {@code state} as the bytes {@link JdbcStateRepository}
 * encrypts: the row is found by the state's hash, and the state itself is never stored.
 */
final class PendingAuthorizationCodec {
  private static final int FORMAT = 1;

  private PendingAuthorizationCodec() {}

  static byte[] encode(PendingAuthorization pending) {
    return new Binary.Writer()
        .writeByte(FORMAT)
        .writeString(pending.redirectUri().toString())
        .writeString(pending.subject())
        .writeOptionalString(pending.codeVerifier())
        .writeOptionalString(pending.returnTo())
        .writeStrings(pending.scope())
        .writeInstant(pending.createdAt())
        .writeInstant(pending.expiresAt())
        .toByteArray();
  }

  /**
   * @throws Binary.MalformedException if {@code bytes} are not a request of this format
   */
  static PendingAuthorization decode(String state, byte[] bytes) {
    Binary.Reader in = new Binary.Reader(bytes);
    int format = in.readByte();
    if (format != FORMAT) {
      throw new Binary.MalformedException("unknown pending authorization format " + format);
    }
    try {
      PendingAuthorization pending =
          new PendingAuthorization(
              state,
              new URI(in.readString()),
              in.readString(),
              in.readOptionalString(),
              in.readOptionalString(),
              in.readStrings(),
              in.readInstant(),
              in.readInstant());
      in.end();
      return pending;
    } catch (URISyntaxException e) {
      throw new Binary.MalformedException(
          "the redirect URI of the pending authorization is not a URI");
    } catch (IllegalArgumentException e) {
      throw new Binary.MalformedException(
          "the pending authorization holds an invalid value: " + e.getMessage());
    }
  }
}
