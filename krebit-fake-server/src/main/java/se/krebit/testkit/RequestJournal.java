package se.krebit.testkit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * What the fake server was asked, for assertions: every request it answered (method, path, status),
 * and the token requests, authorize requests and API requests in detail, oldest first. An entry is
 * in the journal before its response is sent, so once a client has its answer the journal shows the
 * request. Holds no secret and no token, only fingerprints.
 *
 * <p>Thread-safe; the lists returned are snapshots. Keeps the latest {@value #CAPACITY} entries of
 * each kind, so a long-running standalone server does not grow without bound; the totals count
 * every request all the same. {@link FakeKrebitServer#reset()} empties it.
 */
public final class RequestJournal {
  /** How many entries of each kind the journal keeps. */
  public static final int CAPACITY = 10_000;

  private final ArrayDeque<RecordedTokenRequest> tokenRequests = new ArrayDeque<>();
  private final ArrayDeque<RecordedApiRequest> apiRequests = new ArrayDeque<>();
  private final ArrayDeque<RecordedAuthorizeRequest> authorizeRequests = new ArrayDeque<>();
  private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
  private long totalTokenRequests;
  private long totalApiRequests;

  RequestJournal() {}

  /**
   * Every request it answered, at any path (stubbed, unknown and refused ones included), oldest
   * first: the fake's own WireMock-free request log.
   */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The token requests, oldest first. */
  public synchronized List<RecordedTokenRequest> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** How many token requests there were, whatever their outcome. */
  public synchronized int tokenRequestCount() {
    return tokenRequests.size();
  }

  /** The latest token request, if any. */
  public synchronized Optional<RecordedTokenRequest> lastTokenRequest() {
    return Optional.ofNullable(tokenRequests.peekLast());
  }

  /**
   * How many refresh tokens of the token family {@code familyId} were redeemed: successful {@code
   * refresh_token} grants, a replay within the reuse grace included. The family of a token is
   * {@link FakeKrebitServer#tokenFamily}; the journal shows it too, on {@link
   * RecordedTokenRequest#familyId()}.
   */
  public synchronized int refreshRedemptions(String familyId) {
    return (int)
        tokenRequests.stream()
            .filter(
                r -> r.isRefreshRedemption() && r.familyId().filter(familyId::equals).isPresent())
            .count();
  }

  /** How many refresh tokens of {@code userId} were redeemed, in all the user's families. */
  public synchronized int refreshRedemptionsOfUser(String userId) {
    return (int)
        tokenRequests.stream()
            .filter(r -> r.isRefreshRedemption() && r.userId().filter(userId::equals).isPresent())
            .count();
  }

  /** How many refresh tokens were redeemed, of any family. */
  public synchronized int refreshRedemptions() {
    return (int) tokenRequests.stream().filter(RecordedTokenRequest::isRefreshRedemption).count();
  }

  /**
   * How many token requests there were since start or the last reset, including those that no
   * longer fit in the journal.
   */
  public synchronized long totalTokenRequestCount() {
    return totalTokenRequests;
  }

  /**
   * How many requests under {@code /api/1.0} there were since start or the last reset, including
   * those that no longer fit in the journal.
   */
  public synchronized long totalApiRequestCount() {
    return totalApiRequests;
  }

  /** The requests to the authorization endpoint and its consent form, oldest first. */
  public synchronized List<RecordedAuthorizeRequest> authorizeRequests() {
    return List.copyOf(authorizeRequests);
  }

  /** How many requests to the authorization endpoint and its consent form there were. */
  public synchronized int authorizeRequestCount() {
    return authorizeRequests.size();
  }

  /** The latest request to the authorization endpoint or its consent form, if any. */
  public synchronized Optional<RecordedAuthorizeRequest> lastAuthorizeRequest() {
    return Optional.ofNullable(authorizeRequests.peekLast());
  }

  /** The requests under {@code /api/1.0}, oldest first. */
  public synchronized List<RecordedApiRequest> apiRequests() {
    return List.copyOf(apiRequests);
  }

  /** How many requests under {@code /api/1.0} there were, whatever their outcome. */
  public synchronized int apiRequestCount() {
    return apiRequests.size();
  }

  /** The latest request under {@code /api/1.0}, if any. */
  public synchronized Optional<RecordedApiRequest> lastApiRequest() {
    return Optional.ofNullable(apiRequests.peekLast());
  }

  synchronized void record(RecordedTokenRequest entry) {
    totalTokenRequests++;
    append(tokenRequests, entry);
  }

  synchronized void record(RecordedApiRequest entry) {
    totalApiRequests++;
    append(apiRequests, entry);
  }

  synchronized void record(RecordedAuthorizeRequest entry) {
    append(authorizeRequests, entry);
  }

  synchronized void record(RecordedRequest entry) {
    append(requests, entry);
  }

  synchronized void clear() {
    totalTokenRequests = 0;
    totalApiRequests = 0;
    tokenRequests.clear();
    apiRequests.clear();
    authorizeRequests.clear();
    requests.clear();
  }

  private static <T> void append(ArrayDeque<T> entries, T entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  @Override
  public synchronized String toString() {
    return "RequestJournal["
        + tokenRequests.size()
        + " token requests, "
        + authorizeRequests.size()
        + " authorize requests, "
        + apiRequests.size()
        + " API requests]";
  }
}
