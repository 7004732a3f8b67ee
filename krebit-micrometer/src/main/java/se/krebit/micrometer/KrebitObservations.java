package se.krebit.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenRequestEvent;

/**
 * Krebit Auth's work as Micrometer {@link Observation}s, so that a tracer bridged to the registry
 * (micrometer-tracing with Brave or OpenTelemetry) shows it as spans: hand it to a token source or
 * flow as its {@link TokenListener} (with {@link TokenListener#all} beside {@link KrebitMeters}).
 *
 * <ul>
 *   <li>{@value #TOKEN_WAIT}: a caller that found no usable token, from when it started waiting; a
 *       child of the observation current on the caller's thread (the API call);
 *   <li>{@value #REFRESH_LEASE}: a user's source taking the cluster-wide refresh lease and
 *       redeeming the refresh token under it; a child of the wait that triggered it;
 *   <li>{@value #TOKEN_REQUEST}: one token request, retries included; a child of the lease, of the
 *       wait of the caller that triggered it (callers that join a request in flight have none), or
 *       of the observation current on the requesting thread (a code exchange, a refresh ahead).
 * </ul>
 *
 * <p>Low-cardinality keys: {@code grant_type}, {@code outcome} and, for token requests, {@code
 * status} (the HTTP status, or {@code none}); high-cardinality: {@code request_id} when the server
 * sent one. No key carries a token, secret, code or subject. Thread-safe; costs nothing on a no-op
 * registry.
 */
public final class KrebitObservations implements TokenListener {
  /** A token request. */
  public static final String TOKEN_REQUEST = "krebit.token.request";

  /** A caller waiting for a token. */
  public static final String TOKEN_WAIT = "krebit.token.wait";

  /** A refresh lease: claimed, held while the refresh token is redeemed, released. */
  public static final String REFRESH_LEASE = "krebit.token.refresh.lease";

  private final ObservationRegistry registry;

  /** Observations in {@code registry}. */
  public KrebitObservations(ObservationRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public Span<TokenRequestEvent.Outcome> tokenWaitStarted(String grantType) {
    // No cause: its parent is the observation current on the caller's thread.
    return span(
        TOKEN_WAIT,
        "krebit token wait",
        grantType,
        null,
        (o, outcome) -> o.lowCardinalityKeyValue(Keys.OUTCOME, Keys.of(outcome)));
  }

  @Override
  public Span<TokenRequestEvent> tokenRequestStarted(String grantType, Span<?> cause) {
    return span(
        TOKEN_REQUEST,
        "krebit token request",
        grantType,
        cause,
        (o, event) -> {
          o.lowCardinalityKeyValue(Keys.OUTCOME, Keys.of(event.outcome()))
              .lowCardinalityKeyValue(Keys.STATUS, Keys.of(event.status()));
          event.requestId().ifPresent(id -> o.highCardinalityKeyValue(Keys.REQUEST_ID, id));
        });
  }

  @Override
  public Span<LeaseOutcome> refreshLeaseStarted(Span<?> cause) {
    return span(
        REFRESH_LEASE,
        "krebit refresh lease",
        "refresh_token",
        cause,
        (o, outcome) -> o.lowCardinalityKeyValue(Keys.OUTCOME, Keys.of(outcome)));
  }

  /**
   * Starts the observation {@code name} of a {@code grantType}, as a child of {@code cause} when
   * that is one of ours (it may run on another thread than its cause, where the cause is not
   * current), and hands it out as a span that {@code ending} tags when it stops. Nothing on a no-op
   * registry.
   */
  private <E> Span<E> span(
      String name,
      String contextualName,
      String grantType,
      @Nullable Span<?> cause,
      BiConsumer<Observation, E> ending) {
    if (registry.isNoop()) {
      return Span.none();
    }
    Observation observation =
        Observation.createNotStarted(name, registry)
            .contextualName(contextualName)
            .lowCardinalityKeyValue(Keys.GRANT_TYPE, grantType);
    if (cause instanceof Traced<?> traced) {
      observation.parentObservation(traced.observation);
    }
    return new Traced<>(observation.start(), ending);
  }

  /** The spans this listener hands out, recognised when they come back as a cause. */
  private static final class Traced<E> implements Span<E> {
    final Observation observation;
    private final BiConsumer<Observation, E> ending;

    Traced(Observation observation, BiConsumer<Observation, E> ending) {
      this.observation = observation;
      this.ending = ending;
    }

    @Override
    public void stopped(E end) {
      ending.accept(observation, end);
      observation.stop();
    }
  }

  @Override
  public String toString() {
    return "KrebitObservations[" + registry + "]";
  }

  /** Key names and values shared by every Krebit observation. */
  static final class Keys {
    static final String GRANT_TYPE = "grant_type";
    static final String OUTCOME = "outcome";
    static final String STATUS = "status";
    static final String OPERATION = "operation";
    static final String REQUEST_ID = "request_id";

    private Keys() {}

    static String of(Enum<?> outcome) {
      return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String of(OptionalInt status) {
      return status.isPresent() ? Integer.toString(status.getAsInt()) : "none";
    }
  }
}
