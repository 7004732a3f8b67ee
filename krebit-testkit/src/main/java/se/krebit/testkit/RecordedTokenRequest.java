package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One request to the fake's token endpoint, as the {@link RequestJournal} keeps it: never a secret
 * or a token, only a token's fingerprint.
 *
 * @param requestId the {@code request_id} header of the response
 * @param at when it arrived, on the fake's clock
 * @param grantType the {@code grant_type} sent, if the request could be read
 * @param clientId the client it claimed to be, authenticated or not, if the request could be read
 * @param contentType the media type of the body, if any (for example {@code application/json})
 * @param status the HTTP status answered; empty if the connection was reset instead
 * @param error the OAuth {@code error} answered, if any
 * @param issuedTokenFingerprint {@link se.krebit.auth.internal.Fingerprint} of the access token
 *     issued, if one was
 * @param fault the fault injected into this request, if any
 */
public record RecordedTokenRequest(
    String requestId,
    Instant at,
    Optional<String> grantType,
    Optional<String> clientId,
    Optional<String> contentType,
    OptionalInt status,
    Optional<String> error,
    Optional<String> issuedTokenFingerprint,
    Optional<InjectedFault> fault) {
  public RecordedTokenRequest {
    requireNonNull(requestId, "requestId");
    requireNonNull(at, "at");
    requireNonNull(grantType, "grantType");
    requireNonNull(clientId, "clientId");
    requireNonNull(contentType, "contentType");
    requireNonNull(status, "status");
    requireNonNull(error, "error");
    requireNonNull(issuedTokenFingerprint, "issuedTokenFingerprint");
    requireNonNull(fault, "fault");
  }

  /** Whether an access token was issued. */
  public boolean issuedToken() {
    return issuedTokenFingerprint.isPresent();
  }
}
