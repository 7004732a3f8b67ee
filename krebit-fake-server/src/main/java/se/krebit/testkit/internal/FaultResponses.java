package se.krebit.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.CannedResponse;
import se.krebit.testkit.InjectedFault.ConnectionReset;
import se.krebit.testkit.InjectedFault.Disconnect;
import se.krebit.testkit.InjectedFault.DribbledBody;
import se.krebit.testkit.InjectedFault.HttpError;
import se.krebit.testkit.InjectedFault.HttpErrorUntil;
import se.krebit.testkit.InjectedFault.Latency;

/**
 * Turns an {@link InjectedFault} into what WireMock sends, for the fake Krebit server and the fake
 * Vault alike; each fake gives only the body its own HTTP errors have.
 */
public final class FaultResponses {
  private FaultResponses() {}

  /**
   * The response that replaces the normal one; empty for latency and dribbling, which only slow it.
   *
   * @param errorStatus the fake's own error response for a status, before any {@code Retry-After}
   */
  public static Optional<ResponseDefinition> replacement(
      InjectedFault fault, IntFunction<ResponseDefinition> errorStatus) {
    if (fault instanceof HttpError error) {
      ResponseDefinitionBuilder response = like(errorStatus.apply(error.status()));
      error.retryAfterHeader().ifPresent(seconds -> response.withHeader("Retry-After", seconds));
      return Optional.of(response.build());
    }
    if (fault instanceof HttpErrorUntil error) {
      return Optional.of(
          like(errorStatus.apply(error.status()))
              .withHeader("Retry-After", error.retryAfterHeader())
              .build());
    }
    if (fault instanceof Disconnect disconnect) {
      return Optional.of(
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(wireMockFault(disconnect.kind()))
              .build());
    }
    if (fault instanceof CannedResponse canned) {
      return Optional.of(
          ResponseDefinitionBuilder.responseDefinition()
              .withStatus(canned.status())
              .withHeader("Content-Type", canned.contentType())
              .withBody(canned.body())
              .build());
    }
    if (fault instanceof ConnectionReset) {
      return Optional.of(
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(Fault.CONNECTION_RESET_BY_PEER)
              .build());
    }
    return Optional.empty();
  }

  /** The status the client sees; none when the connection is reset or broken. */
  public static OptionalInt status(ResponseDefinition response) {
    return response.getFault() != null ? OptionalInt.empty() : OptionalInt.of(response.getStatus());
  }

  /**
   * {@code response}, late by the fault's delay when the fault is latency, its body dribbled when
   * that is the fault.
   */
  public static ResponseDefinition delayed(
      ResponseDefinition response, Optional<InjectedFault> fault) {
    if (fault.isPresent() && fault.get() instanceof Latency latency) {
      return like(response).withFixedDelay((int) latency.delay().toMillis()).build();
    }
    if (fault.isPresent() && fault.get() instanceof DribbledBody dribble) {
      return like(response)
          .withChunkedDribbleDelay(dribble.chunks(), (int) dribble.over().toMillis())
          .build();
    }
    return response;
  }

  /** The path of a request URL: all before the query, if any. */
  public static String path(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static ResponseDefinitionBuilder like(ResponseDefinition response) {
    return ResponseDefinitionBuilder.like(response).but();
  }

  private static Fault wireMockFault(Disconnect.Kind kind) {
    return switch (kind) {
      case MALFORMED_CHUNK -> Fault.MALFORMED_RESPONSE_CHUNK;
      case RANDOM_DATA_THEN_CLOSE -> Fault.RANDOM_DATA_THEN_CLOSE;
      case EMPTY_RESPONSE -> Fault.EMPTY_RESPONSE;
    };
  }
}
