package se.krebit.auth.spi;

/**
 * What a token request trades for tokens: the closed set of OAuth 2.0 grants Krebit supports.
 * {@code toString()} of every grant redacts codes, verifiers and tokens.
 */
public sealed interface Grant
    permits ClientCredentialsGrant, AuthorizationCodeGrant, RefreshTokenGrant {
  /** The {@code grant_type} value on the wire, for example {@code client_credentials}. */
  String grantType();
}
