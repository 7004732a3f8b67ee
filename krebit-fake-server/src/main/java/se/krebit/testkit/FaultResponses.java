package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.OptionalInt;
import se.krebit.testkit.InjectedFault.CannedResponse;
import se.krebit.testkit.InjectedFault.ConnectionReset;
import se.krebit.testkit.InjectedFault.Disconnect;
import se.krebit.testkit.InjectedFault.DribbledBody;
import se.krebit.testkit.InjectedFault.HttpError;
import se.krebit.testkit.InjectedFault.HttpErrorUntil;
import se.krebit.testkit.InjectedFault.Latency;

/** Turns an {@link InjectedFault} into what WireMock sends. */
final class FaultResponses {
  private FaultResponses() {}

  /**
   * The response that replaces the normal one; empty for latency and dribbling, which only slow it.
   */
  static Optional<ResponseDefinition> replacement(InjectedFault fault) {
    if (fault instanceof HttpError error) {
      ResponseDefinitionBuilder response = errorStatus(error.status());
      error.retryAfterHeader().ifPresent(seconds -> response.withHeader("Retry-After", seconds));
      return Optional.of(response.build());
    }
    if (fault instanceof HttpErrorUntil error) {
      return Optional.of(
          errorStatus(error.status()).withHeader("Retry-After", error.retryAfterHeader()).build());
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

  private static ResponseDefinitionBuilder errorStatus(int status) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "text/plain; charset=utf-8")
        .withBody("HTTP " + status + " injected by the fake Krebit server\n");
  }

  private static Fault wireMockFault(Disconnect.Kind kind) {
    return switch (kind) {
      case MALFORMED_CHUNK -> Fault.MALFORMED_RESPONSE_CHUNK;
      case RANDOM_DATA_THEN_CLOSE -> Fault.RANDOM_DATA_THEN_CLOSE;
      case EMPTY_RESPONSE -> Fault.EMPTY_RESPONSE;
    };
  }

  /** The status the client sees for a replaced response; none when the connection is reset. */
  static OptionalInt status(ResponseDefinition response) {
    return response.getFault() != null ? OptionalInt.empty() : OptionalInt.of(response.getStatus());
  }

  /**
   * {@code response}, late by the fault's delay when the fault is latency, its body dribbled when
   * that is the fault.
   */
  static ResponseDefinition delayed(ResponseDefinition response, Optional<InjectedFault> fault) {
    if (fault.isPresent() && fault.get() instanceof Latency latency) {
      return ResponseDefinitionBuilder.like(response)
          .but()
          .withFixedDelay((int) latency.delay().toMillis())
          .build();
    }
    if (fault.isPresent() && fault.get() instanceof DribbledBody dribble) {
      return ResponseDefinitionBuilder.like(response)
          .but()
          .withChunkedDribbleDelay(dribble.chunks(), (int) dribble.over().toMillis())
          .build();
    }
    return response;
  }
}
