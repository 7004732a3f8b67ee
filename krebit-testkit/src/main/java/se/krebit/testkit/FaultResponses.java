package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;
import java.util.OptionalInt;
import se.krebit.testkit.InjectedFault.CannedResponse;
import se.krebit.testkit.InjectedFault.ConnectionReset;
import se.krebit.testkit.InjectedFault.HttpError;
import se.krebit.testkit.InjectedFault.Latency;

/** Turns an {@link InjectedFault} into what WireMock sends. */
final class FaultResponses {
  private FaultResponses() {}

  /** The response that replaces the normal one; empty for latency, which only delays it. */
  static Optional<ResponseDefinition> replacement(InjectedFault fault) {
    if (fault instanceof HttpError error) {
      ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
          .withStatus(error.status())
          .withHeader("Content-Type", "text/plain; charset=utf-8")
          .withBody("HTTP " + error.status() + " injected by the fake Krebit server\n");
      error.retryAfterHeader().ifPresent(seconds -> response.withHeader("Retry-After", seconds));
      return Optional.of(response.build());
    }
    if (fault instanceof CannedResponse canned) {
      return Optional.of(ResponseDefinitionBuilder.responseDefinition()
          .withStatus(canned.status())
          .withHeader("Content-Type", canned.contentType())
          .withBody(canned.body())
          .build());
    }
    if (fault instanceof ConnectionReset) {
      return Optional.of(ResponseDefinitionBuilder.responseDefinition()
          .withFault(Fault.CONNECTION_RESET_BY_PEER)
          .build());
    }
    return Optional.empty();
  }

  /** The status the client sees for a replaced response; none when the connection is reset. */
  static OptionalInt status(ResponseDefinition response) {
    return response.getFault() != null ? OptionalInt.empty() : OptionalInt.of(response.getStatus());
  }

  /** {@code response}, late by the fault's delay when the fault is latency. */
  static ResponseDefinition delayed(ResponseDefinition response, Optional<InjectedFault> fault) {
    if (fault.isPresent() && fault.get() instanceof Latency latency) {
      return ResponseDefinitionBuilder.like(response).but()
          .withFixedDelay((int) latency.delay().toMillis())
          .build();
    }
    return response;
  }
}
