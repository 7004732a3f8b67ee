package se.krebit.auth;

import java.time.Instant;

/**
 * The instants of one access token's life under a {@link RefreshPolicy}, in epoch milliseconds,
 * measured from when the token was obtained (its request sent), never from when a node first saw
 * it: every node that shares a store computes the same ones for the same token.
 *
 * @param expiresAt when the server said it expires
 * @param usableUntil it is never served from this instant on: the expiry less the skew
 * @param margin how long before {@code usableUntil} it is refreshed, before jitter
 * @param earliestRefresh the earliest instant any node's jittered refresh ahead may fall on
 */
record TokenLife(long expiresAt, long usableUntil, long margin, long earliestRefresh) {
  static TokenLife of(AccessToken token, Instant obtainedAt, RefreshPolicy policy) {
    long expiresAt = token.expiresAt().toEpochMilli();
    long lifetime = Math.max(0, expiresAt - obtainedAt.toEpochMilli());
    long usableUntil = expiresAt - policy.skewMillis(lifetime);
    long margin = policy.refreshAheadMillis(lifetime);
    return new TokenLife(
        expiresAt, usableUntil, margin, usableUntil - margin - (long) (margin * policy.jitter()));
  }

  /**
   * When one node refreshes ahead: the margin before {@code usableUntil}, moved earlier by {@code
   * random} of the jitter.
   */
  long refreshAt(RefreshPolicy policy, double random) {
    return usableUntil - margin - (long) (margin * policy.jitter() * random);
  }
}
