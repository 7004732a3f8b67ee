package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One request under {@code /api/1.0} on the fake, as the {@link RequestJournal} keeps it: never a
 * token, only its fingerprint.
 *
 * @param requestId the {@code request_id} header of the response
 * @param at when it arrived, on the fake's clock
 * @param method the HTTP method, for example {@code GET}
 * @param path the path, without the query
 * @param status the HTTP status answered; empty if the connection was reset or broken instead
 * @param tokenFingerprint {@link se.krebit.auth.Fingerprint} of the bearer token sent, if the
 *     request carried one
 * @param clientId the client the token was issued to, if the token was valid
 * @param fault the fault injected into this request, if any
 */
public record RecordedApiRequest(
    String requestId,
    Instant at,
    String method,
    String path,
    OptionalInt status,
    Optional<String> tokenFingerprint,
    Optional<String> clientId,
    Optional<InjectedFault> fault) {
  /** Requires every member: what the request lacked is empty, never null. */
  public RecordedApiRequest {
    requireNonNull(requestId, "requestId");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(status, "status");
    requireNonNull(tokenFingerprint, "tokenFingerprint");
    requireNonNull(clientId, "clientId");
    requireNonNull(fault, "fault");
  }
}
