package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A node's claim to redeem a subject's refresh token, written with compare-and-set before the token
 * request and cleared with the result. Other nodes wait for the result instead of redeeming the
 * same refresh token; a crashed node's claim lapses at {@link #expiresAt()}.
 *
 * @param owner who holds the lease: a random id per token source
 * @param expiresAt when the lease lapses, on the claiming node's clock
 */
public record RefreshLease(String owner, Instant expiresAt) {
  /**
   * Requires both members and an owner that is not blank.
   *
   * @throws IllegalArgumentException if {@code owner} is blank
   */
  public RefreshLease {
    requireNonNull(owner, "owner");
    requireNonNull(expiresAt, "expiresAt");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("lease owner must not be blank");
    }
  }

  /** Whether the lease still holds at {@code now}. */
  public boolean isHeldAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
