package se.krebit.auth.store.jdbc;

import java.util.Optional;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.TokenRecord;

/**
 * A {@link TokenRecord} as the bytes {@link JdbcTokenStore} encrypts: the whole record (tokens,
 * scope, instants, lease, re-authorization mark), so the encrypted column alone is the truth and
 * the plain columns beside it are only mirrors for queries.
 */
final class TokenRecordCodec {
  private static final int FORMAT = 1;

  private TokenRecordCodec() {}

  static byte[] encode(TokenRecord record) {
    TokenSet tokens = record.tokens();
    Binary.Writer out =
        new Binary.Writer()
            .writeByte(FORMAT)
            .writeString(tokens.accessToken().value())
            .writeString(tokens.accessToken().type())
            .writeInstant(tokens.accessToken().expiresAt())
            .writeOptionalString(tokens.refreshToken().map(RefreshToken::value))
            .writeStrings(tokens.scope())
            .writeInstant(tokens.obtainedAt())
            .writeBoolean(record.refreshLease().isPresent());
    record
        .refreshLease()
        .ifPresent(lease -> out.writeString(lease.owner()).writeInstant(lease.expiresAt()));
    return out.writeBoolean(record.reauthorizationRequired()).toByteArray();
  }

  /**
   * @throws Binary.MalformedException if {@code bytes} are not a record of this format
   */
  static TokenRecord decode(byte[] bytes) {
    Binary.Reader in = new Binary.Reader(bytes);
    int format = in.readByte();
    if (format != FORMAT) {
      throw new Binary.MalformedException("unknown token record format " + format);
    }
    try {
      AccessToken access = new AccessToken(in.readString(), in.readString(), in.readInstant());
      Optional<RefreshToken> refresh = in.readOptionalString().map(RefreshToken::new);
      TokenSet tokens = new TokenSet(access, refresh, in.readStrings(), in.readInstant());
      Optional<RefreshLease> lease =
          in.readBoolean()
              ? Optional.of(new RefreshLease(in.readString(), in.readInstant()))
              : Optional.empty();
      TokenRecord record = new TokenRecord(tokens, lease, in.readBoolean());
      in.end();
      return record;
    } catch (IllegalArgumentException e) {
      // The value types refuse empty tokens and blank owners; their messages carry no values.
      throw new Binary.MalformedException(
          "the token record holds an invalid value: " + e.getMessage());
    }
  }
}
