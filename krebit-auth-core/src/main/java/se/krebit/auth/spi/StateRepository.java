package se.krebit.auth.spi;

/**
 * Pending authorization requests by {@code state}: saved when the browser leaves for consent,
 * consumed exactly once when it comes back.
 *
 * <p>Implementations are thread-safe: of many concurrent {@link #consume} calls for one state, at
 * most one returns {@link StateConsumption.Consumed}. Consumed states are remembered until their
 * expiry, so a replay is told apart from a forgery. Every adapter runs the test kit's {@code
 * StateRepositoryContract}.
 */
public interface StateRepository {
  /**
   * Saves {@code pending} until {@link PendingAuthorization#expiresAt()}.
   *
   * @throws IllegalStateException if a request with the same state already exists
   */
  void save(PendingAuthorization pending);

  /**
   * Consumes the request saved under {@code state}; see {@link StateConsumption} for the outcomes.
   */
  StateConsumption consume(String state);

  /**
   * Forgets requests and consumed-state markers whose expiry has passed.
   *
   * @return how many records were removed
   */
  int purgeExpired();
}
