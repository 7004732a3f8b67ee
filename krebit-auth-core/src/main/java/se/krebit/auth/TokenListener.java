package se.krebit.auth;

import java.time.Duration;

/**
 * Hears what token sources and flows do, for metrics and tracing: each token request, each time a
 * caller had to wait for one (a cache miss) and each refresh lease a user's source takes, from when
 * the work starts to when it ends. Never called on the cached hot path, so a listener costs nothing
 * while tokens are fresh.
 *
 * <p>Each {@code ...Started} method is called when the work starts and returns the {@link Span}
 * that is {@linkplain Span#stopped stopped} exactly once when it ends, on whatever thread ends it.
 * A token wait starts on the caller's thread (so a tracer can nest it under the caller's current
 * span); the token request it triggers, and a refresh lease, may start on a token request thread
 * and name the span that caused them. Listeners that only want the finished facts override {@link
 * #tokenRequested} and {@link #callerWaited}, which the default spans report to.
 *
 * <p>Implementations must be thread-safe, fast and must not throw; an exception is logged and
 * ignored. Events carry no token values. The Micrometer adapters live in {@code krebit-micrometer}.
 */
public interface TokenListener {
  /** Hears nothing. */
  TokenListener NONE = new TokenListener() {};

  /**
   * {@code listeners} as one listener that tells each of them everything, in order; {@link #NONE}
   * for none and the listener itself for one.
   */
  static TokenListener all(TokenListener... listeners) {
    java.util.List<TokenListener> heard =
        java.util.Arrays.stream(listeners)
            .map(java.util.Objects::requireNonNull)
            .filter(listener -> listener != NONE)
            .toList();
    return switch (heard.size()) {
      case 0 -> NONE;
      case 1 -> heard.get(0);
      default -> new AllListeners(heard);
    };
  }

  /** A token request finished, well or not. */
  default void tokenRequested(TokenRequestEvent event) {}

  /**
   * A caller found no usable token and waited for a token request, as long as {@code waited}.
   *
   * @param grantType the grant of the source the caller asked: {@code client_credentials} or {@code
   *     refresh_token}
   */
  default void callerWaited(String grantType, Duration waited) {}

  /**
   * A caller found no usable token and starts waiting for a token request; called on the caller's
   * thread. By default the span reports to {@link #callerWaited} when stopped.
   *
   * @param grantType as for {@link #callerWaited}
   * @return stopped with how the wait ended: {@code SUCCESS} when a token was served
   */
  default Span<TokenRequestEvent.Outcome> tokenWaitStarted(String grantType) {
    long started = System.nanoTime();
    return outcome -> callerWaited(grantType, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * A token request starts. By default the span reports to {@link #tokenRequested} when stopped.
   *
   * @param grantType {@code client_credentials}, {@code authorization_code} or {@code
   *     refresh_token}
   * @param cause the span that made it start: the wait of the caller that triggered it, or the
   *     refresh lease it is made under; {@link Span#none()} for a refresh ahead and when the
   *     request runs on the caller's own thread
   * @return stopped with the finished request
   */
  default Span<TokenRequestEvent> tokenRequestStarted(String grantType, Span<?> cause) {
    return this::tokenRequested;
  }

  /**
   * A user's source starts to take the cluster-wide refresh lease of its record: the span covers
   * reading the record, claiming the lease and, when this node holds it, redeeming the refresh
   * token under it (the token request's {@code cause}) and storing the result.
   *
   * @param cause the wait of the caller that triggered it, or {@link Span#none()}
   * @return stopped with how the lease ended
   */
  default Span<LeaseOutcome> refreshLeaseStarted(Span<?> cause) {
    return Span.none();
  }

  /** How a refresh lease ended. */
  enum LeaseOutcome {
    /** This node took the lease and redeemed the refresh token under it (well or not). */
    HELD,
    /** Another node held it: this one served the stored token or waited for that node. */
    HELD_ELSEWHERE,
    /** No refresh was needed: the stored tokens were fresh (another node had refreshed them). */
    NOT_NEEDED,
    /** Reading or claiming the record failed, or the user must sign in again. */
    FAILED
  }

  /**
   * A unit of work in progress, stopped once when it ends. Implementations hold whatever their
   * tracer needs, and may recognise their own spans when given one as a {@code cause}.
   *
   * @param <E> what the work ended with
   */
  @FunctionalInterface
  interface Span<E> {
    /** The work ended with {@code end}. */
    void stopped(E end);

    /** A span that records nothing: no cause, or nobody listening. */
    @SuppressWarnings("unchecked")
    static <E> Span<E> none() {
      return (Span<E>) Spans.NONE;
    }
  }
}
