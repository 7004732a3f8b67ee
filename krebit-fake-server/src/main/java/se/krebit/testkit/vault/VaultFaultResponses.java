package se.krebit.testkit.vault;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.CannedResponse;
import se.krebit.testkit.InjectedFault.ConnectionReset;
import se.krebit.testkit.InjectedFault.HttpError;
import se.krebit.testkit.InjectedFault.Latency;
import se.krebit.testkit.internal.FaultPlan;

/**
 * How a scripted fault looks on the fake Vault's wire: an HTTP error has Vault's {@code
 * {"errors":[...]}} body. The faults themselves wait in a {@link FaultPlan}.
 */
final class VaultFaultResponses {
  private VaultFaultResponses() {}

  /** The response that replaces the normal one; empty for latency, which only delays it. */
  static Optional<ResponseDefinition> replacement(InjectedFault fault) {
    if (fault instanceof HttpError error) {
      ResponseDefinitionBuilder response =
          ResponseDefinitionBuilder.like(
                  VaultReplies.json(
                      error.status(),
                      Map.of(
                          "errors",
                          List.of("HTTP " + error.status() + " injected by the fake Vault"))))
              .but();
      error.retryAfterHeader().ifPresent(seconds -> response.withHeader("Retry-After", seconds));
      return Optional.of(response.build());
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

  static ResponseDefinition delayed(ResponseDefinition response, Optional<InjectedFault> fault) {
    if (fault.isPresent() && fault.get() instanceof Latency latency) {
      return ResponseDefinitionBuilder.like(response)
          .but()
          .withFixedDelay((int) latency.delay().toMillis())
          .build();
    }
    return response;
  }
}
