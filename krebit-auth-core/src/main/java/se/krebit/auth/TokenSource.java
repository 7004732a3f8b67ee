package se.krebit.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where API calls get their bearer token: {@link #token()} returns a currently valid access token,
 * obtaining or refreshing one as needed.
 *
 * <p>Implementations are thread-safe. The library's own sources answer a cached {@code token()}
 * without locking, allocating or reading the clock, and let at most one token request per source be
 * in flight.
 *
 * <pre>{@code
 * String header = tokens.token().authorizationHeader();   // "Bearer eyJ…"
 * // … the API answers 401 for that token:
 * tokens.invalidate(rejected);                             // the next token() fetches a new one
 * }</pre>
 */
public interface TokenSource {
  /**
   * A token that is valid now.
   *
   * @throws KrebitException if none can be had: an {@link OAuthErrorException} when the server
   *     refuses, a retryable {@link TokenEndpointUnavailableException} or {@link
   *     TokenAcquisitionTimeoutException} when it can't be reached in time
   */
  AccessToken token();

  /**
   * A token that is valid now, without blocking the calling thread: for virtual threads, event
   * loops and reactive pipelines ({@code Mono.fromCompletionStage(tokens::tokenAsync)}).
   *
   * <p>The library's own sources answer a cached token with an already completed stage (the same
   * one for every caller of one token, so no allocation), and otherwise with a stage that completes
   * when the source's single token request in flight does: the request runs on the source's
   * executor, shared with blocking {@link #token()} callers, and no thread waits for it. The stage
   * fails with the same {@link KrebitException} that {@code token()} would throw, itself, not
   * wrapped (so {@code join()} throws a {@link java.util.concurrent.CompletionException} whose
   * cause is it), and with {@link TokenAcquisitionTimeoutException} once {@link
   * RefreshPolicy#acquireTimeout()} has passed since the call. Actions chained without an executor
   * may run on the library thread that completes the stage: keep them short, or use the {@code
   * *Async} variants.
   *
   * <p>This default is for sources without a cache of their own: it calls {@link #token()} on the
   * calling thread and returns its outcome as a completed stage, so it blocks exactly as long as
   * {@code token()} does.
   */
  default CompletionStage<AccessToken> tokenAsync() {
    try {
      return CompletableFuture.completedStage(token());
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  /**
   * Reports that the API refused {@code rejected} (HTTP 401). If it is still the cached token, it
   * is dropped and the next {@link #token()} obtains a new one; if it was already replaced, nothing
   * happens, so many threads reporting one rejected token cause one new token request.
   */
  void invalidate(AccessToken rejected);
}
