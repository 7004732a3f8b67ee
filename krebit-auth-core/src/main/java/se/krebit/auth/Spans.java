package se.krebit.auth;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping {@link TokenListener.Span}s safely, and the cause a token request on this
 * thread starts under: a token request thread sets it around a fetch, so that the endpoint's span
 * can name the caller's wait (or the refresh lease) that led to it without every fetcher passing it
 * along.
 */
final class Spans {
  static final TokenListener.Span<Object> NONE = end -> {};
  private static final Logger LOG = LoggerFactory.getLogger(TokenListener.class);
  private static final ThreadLocal<TokenListener.@Nullable Span<?>> CAUSE = new ThreadLocal<>();

  private Spans() {}

  /** {@link #NONE}, typed. */
  @SuppressWarnings("unchecked")
  static <E> TokenListener.Span<E> none() {
    return (TokenListener.Span<E>) NONE;
  }

  /** The span a token request starting on this thread is caused by; {@link #NONE} if none. */
  static TokenListener.Span<?> cause() {
    TokenListener.Span<?> cause = CAUSE.get();
    return cause == null ? NONE : cause;
  }

  /** Sets the cause for this thread, returning the previous one to {@link #restore}. */
  static TokenListener.@Nullable Span<?> enter(TokenListener.Span<?> cause) {
    TokenListener.Span<?> previous = CAUSE.get();
    if (cause != NONE || previous != null) {
      CAUSE.set(cause == NONE ? null : cause);
    }
    return previous;
  }

  static void restore(TokenListener.@Nullable Span<?> previous) {
    if (previous == null) {
      if (CAUSE.get() != null) {
        CAUSE.remove();
      }
    } else {
      CAUSE.set(previous);
    }
  }

  /** Starts a span; a listener that throws is logged and yields {@link #NONE}. */
  @SuppressWarnings("unchecked")
  static <E> TokenListener.Span<E> start(
      TokenListener listener, java.util.function.Supplier<TokenListener.Span<E>> starter) {
    try {
      TokenListener.Span<E> span = starter.get();
      return span == null ? (TokenListener.Span<E>) NONE : span;
    } catch (RuntimeException e) {
      LOG.warn("Token listener {} failed; ignored", listener.getClass().getName(), e);
      return (TokenListener.Span<E>) NONE;
    }
  }

  /** Stops a span; one that throws is logged, never allowed to break a flow. */
  static <E> void stop(TokenListener.Span<E> span, E end) {
    if (span == NONE) {
      return;
    }
    try {
      span.stopped(end);
    } catch (RuntimeException e) {
      LOG.warn("Token listener span {} failed; ignored", span.getClass().getName(), e);
    }
  }
}
