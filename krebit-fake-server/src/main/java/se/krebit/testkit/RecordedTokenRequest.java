package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One request to the fake's token endpoint, as the {@link RequestJournal} keeps it: never a secret,
 * token, code or verifier, only a token's fingerprint.
 *
 * @param requestId the {@code request_id} header of the response
 * @param at when it arrived, on the fake's clock
 * @param grantType the {@code grant_type} sent, if the request could be read
 * @param clientId the client it claimed to be, authenticated or not, if the request could be read
 * @param contentType the media type of the body, if any (for example {@code application/json})
 * @param status the HTTP status answered; empty if the connection was reset or broken instead
 * @param error the OAuth {@code error} answered, if any
 * @param issuedTokenFingerprint {@link se.krebit.auth.Fingerprint} of the access token issued, if
 *     one was
 * @param fault the fault injected into this request, if any
 * @param userId for the authorization-code and refresh grants, the user whose code or refresh token
 *     it presented, once the fake found it (also when it then refused it)
 * @param familyId for those grants, the token family of that code or refresh token (see {@link
 *     FakeKrebitServer#tokenFamily})
 * @param issuedRefreshTokenFingerprint {@link se.krebit.auth.Fingerprint} of the refresh token
 *     answered, if one was
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
    Optional<InjectedFault> fault,
    Optional<String> userId,
    Optional<String> familyId,
    Optional<String> issuedRefreshTokenFingerprint) {
  /** Requires every member: what the request lacked is empty, never null. */
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
    requireNonNull(userId, "userId");
    requireNonNull(familyId, "familyId");
    requireNonNull(issuedRefreshTokenFingerprint, "issuedRefreshTokenFingerprint");
  }

  /** An entry for a request that concerned no user, such as a client-credentials request. */
  public RecordedTokenRequest(
      String requestId,
      Instant at,
      Optional<String> grantType,
      Optional<String> clientId,
      Optional<String> contentType,
      OptionalInt status,
      Optional<String> error,
      Optional<String> issuedTokenFingerprint,
      Optional<InjectedFault> fault) {
    this(
        requestId,
        at,
        grantType,
        clientId,
        contentType,
        status,
        error,
        issuedTokenFingerprint,
        fault,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether an access token was issued. */
  public boolean issuedToken() {
    return issuedTokenFingerprint.isPresent();
  }

  /**
   * Whether this was a successful redemption of a refresh token: a {@code refresh_token} grant that
   * issued a token.
   */
  public boolean isRefreshRedemption() {
    return issuedToken() && grantType.filter("refresh_token"::equals).isPresent();
  }
}
