package se.krebit.auth;

import java.util.List;

/**
 * Several {@link TokenListener}s as one, for example meters and traces: each hears every event, and
 * each is given its own span of a cause (its tracer recognises only its own spans).
 */
final class AllListeners implements TokenListener {
  private final List<TokenListener> listeners;

  AllListeners(List<TokenListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public Span<TokenRequestEvent.Outcome> tokenWaitStarted(String grantType) {
    return start(i -> listeners.get(i).tokenWaitStarted(grantType));
  }

  @Override
  public Span<TokenRequestEvent> tokenRequestStarted(String grantType, Span<?> cause) {
    return start(i -> listeners.get(i).tokenRequestStarted(grantType, part(cause, i)));
  }

  @Override
  public Span<LeaseOutcome> refreshLeaseStarted(Span<?> cause) {
    return start(i -> listeners.get(i).refreshLeaseStarted(part(cause, i)));
  }

  private <E> Span<E> start(java.util.function.IntFunction<Span<E>> starter) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Span<E>[] parts = new Span[listeners.size()];
    for (int i = 0; i < parts.length; i++) {
      int index = i;
      parts[i] = Spans.start(listeners.get(i), () -> starter.apply(index));
    }
    return new Parts<>(parts);
  }

  /** Listener {@code i}'s own span of {@code cause}. */
  private Span<?> part(Span<?> cause, int i) {
    return cause instanceof Parts<?> parts && parts.spans.length == listeners.size()
        ? parts.spans[i]
        : Span.none();
  }

  @Override
  public String toString() {
    return "TokenListener.all" + listeners;
  }

  /** One span per listener. */
  private static final class Parts<E> implements Span<E> {
    final Span<E>[] spans;

    Parts(Span<E>[] spans) {
      this.spans = spans;
    }

    @Override
    public void stopped(E end) {
      for (Span<E> span : spans) {
        Spans.stop(span, end);
      }
    }
  }
}
