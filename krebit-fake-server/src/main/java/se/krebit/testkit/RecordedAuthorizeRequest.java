package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One request to the fake's authorization endpoint ({@code GET /oauth/authorize}) or to its consent
 * form ({@code POST /oauth/authorize/decision}), as the {@link RequestJournal} keeps it: never a
 * code or a {@code state}, only the code's fingerprint and whether a state was sent. Values are as
 * the client sent them, whether or not the fake accepted them; for the consent form, those of the
 * authorize request it answers, when the form named one.
 *
 * @param requestId the {@code request_id} header of the response
 * @param at when it arrived, on the fake's clock
 * @param path {@code /oauth/authorize} or {@code /oauth/authorize/decision}
 * @param clientId the {@code client_id}, if one was sent
 * @param redirectUri the {@code redirect_uri}, if one was sent
 * @param statePresent whether a non-empty {@code state} was sent
 * @param codeChallengeMethod the {@code code_challenge_method} sent, if any
 * @param scope the {@code scope} sent, if any
 * @param status the HTTP status answered, such as 302 or 400
 * @param outcome how it was answered
 * @param error the OAuth {@code error} answered, in the redirect or on the error page, if any
 * @param userId the user a code was issued for, if one was
 * @param codeFingerprint {@link se.krebit.auth.Fingerprint} of the code issued, if one was
 */
public record RecordedAuthorizeRequest(
    String requestId,
    Instant at,
    String path,
    Optional<String> clientId,
    Optional<String> redirectUri,
    boolean statePresent,
    Optional<String> codeChallengeMethod,
    Optional<String> scope,
    int status,
    AuthorizeOutcome outcome,
    Optional<String> error,
    Optional<String> userId,
    Optional<String> codeFingerprint) {
  /** Requires every member: what the request lacked is empty, never null. */
  public RecordedAuthorizeRequest {
    requireNonNull(requestId, "requestId");
    requireNonNull(at, "at");
    requireNonNull(path, "path");
    requireNonNull(clientId, "clientId");
    requireNonNull(redirectUri, "redirectUri");
    requireNonNull(codeChallengeMethod, "codeChallengeMethod");
    requireNonNull(scope, "scope");
    requireNonNull(outcome, "outcome");
    requireNonNull(error, "error");
    requireNonNull(userId, "userId");
    requireNonNull(codeFingerprint, "codeFingerprint");
  }

  /** Whether a code was issued. */
  public boolean issuedCode() {
    return codeFingerprint.isPresent();
  }
}
