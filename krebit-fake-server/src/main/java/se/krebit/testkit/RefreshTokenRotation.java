package se.krebit.testkit;

/**
 * What the fake does with a refresh token it has just redeemed; see {@link
 * FakeKrebitServer.Builder#refreshTokenRotation}.
 */
public enum RefreshTokenRotation {
  /**
   * The default, as the Krebit guide implies ("always replace the stored refresh token"): every
   * refresh answers a new refresh token and retires the one presented. Presenting a retired one
   * again is reuse: {@code invalid_grant}, and its whole token family is revoked.
   */
  ROTATE,
  /** A family keeps its first refresh token for life, and every refresh answer repeats it. */
  KEEP_AND_REPEAT,
  /**
   * A family keeps its first refresh token for life, and refresh answers leave {@code
   * refresh_token} out (RFC 6749 §6 allows it), so clients must keep the one they have.
   */
  KEEP_AND_OMIT
}
