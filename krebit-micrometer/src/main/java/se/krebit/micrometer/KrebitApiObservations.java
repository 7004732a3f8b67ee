package se.krebit.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import se.krebit.api.ApiCallListener;
import se.krebit.micrometer.KrebitObservations.Keys;

/**
 * Krebit API calls as Micrometer {@link Observation}s named {@value #API_CALL}: give it to {@code
 * KrebitClient.builder().listener(...)} or {@code Krebit.builder(config).apiCallListener(...)}.
 * Each call's observation is current on the calling thread while the call runs, so the token wait
 * and token request it causes ({@link KrebitObservations}) nest under it.
 *
 * <p>Low-cardinality keys: {@code operation} (such as {@code MeApi.me}), {@code outcome} and {@code
 * status} (a failed call's HTTP status, or {@code none}); high-cardinality: a failed call's {@code
 * request_id}. No key carries a token, a body or an id from a path. Needs {@code
 * krebit-api-client}, an optional dependency of this module. Thread-safe; costs nothing on a no-op
 * registry.
 */
public final class KrebitApiObservations implements ApiCallListener {
  /** A Krebit API call, retries and the repeat after a 401 included. */
  public static final String API_CALL = "krebit.api.call";

  private final ObservationRegistry registry;

  /** Observations in {@code registry}. */
  public KrebitApiObservations(ObservationRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public Call callStarted(String operation) {
    if (registry.isNoop()) {
      return Call.NONE;
    }
    Observation call =
        Observation.createNotStarted(API_CALL, registry)
            .contextualName("krebit " + operation)
            .lowCardinalityKeyValue(Keys.OPERATION, operation)
            .start();
    // The call starts and ends on this thread: its scope is closed where it was opened.
    Observation.Scope scope = call.openScope();
    return end -> {
      scope.close();
      call.lowCardinalityKeyValue(Keys.OUTCOME, Keys.of(end.outcome()))
          .lowCardinalityKeyValue(Keys.STATUS, Keys.of(end.status()));
      end.requestId().ifPresent(id -> call.highCardinalityKeyValue(Keys.REQUEST_ID, id));
      call.stop();
    };
  }

  @Override
  public String toString() {
    return "KrebitApiObservations[" + registry + "]";
  }
}
