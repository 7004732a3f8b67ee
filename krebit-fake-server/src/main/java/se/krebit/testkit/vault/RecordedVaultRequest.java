package se.krebit.testkit.vault;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import se.krebit.testkit.InjectedFault;

/**
 * One request to the fake Vault, as its {@link VaultRequestJournal} keeps it: never a token, a
 * secret id or a body, only the fingerprint of the {@code X-Vault-Token} sent.
 *
 * @param requestId the {@code request_id} of the response (Vault's, in the body)
 * @param at when it arrived, on the fake's clock
 * @param method the HTTP method
 * @param path the API path after {@code /v1/}, without the query, such as {@code
 *     secret/data/krebit/tokens/acme/app/alice}
 * @param status the HTTP status answered; empty if the connection was reset instead
 * @param tokenFingerprint {@link se.krebit.auth.Fingerprint} of the Vault token sent, if any
 * @param fault the fault injected into this request, if any
 */
public record RecordedVaultRequest(
    String requestId,
    Instant at,
    String method,
    String path,
    OptionalInt status,
    Optional<String> tokenFingerprint,
    Optional<InjectedFault> fault) {
  /** Requires every member: what the request lacked is empty, never null. */
  public RecordedVaultRequest {
    requireNonNull(requestId, "requestId");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(status, "status");
    requireNonNull(tokenFingerprint, "tokenFingerprint");
    requireNonNull(fault, "fault");
  }

  /** Whether this was {@code method} on a path starting with {@code pathPrefix}. */
  public boolean is(String method, String pathPrefix) {
    return this.method.equals(method) && path.startsWith(pathPrefix);
  }

  /** Whether the answer was {@code status}. */
  public boolean answered(int status) {
    return this.status.isPresent() && this.status.getAsInt() == status;
  }
}
