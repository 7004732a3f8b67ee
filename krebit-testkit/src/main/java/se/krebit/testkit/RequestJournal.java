package se.krebit.testkit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * What the fake server was asked, for assertions: token requests and API requests, oldest first.
 * An entry is in the journal before its response is sent, so once a client has its answer the
 * journal shows the request. Holds no secret and no token, only fingerprints.
 *
 * <p>Thread-safe; the lists returned are snapshots. Keeps the latest {@value #CAPACITY} entries of
 * each kind, so a long-running standalone server does not grow without bound.
 * {@link FakeKrebitServer#reset()} empties it.
 */
public final class RequestJournal {
  /** How many entries of each kind the journal keeps. */
  public static final int CAPACITY = 10_000;

  private final ArrayDeque<RecordedTokenRequest> tokenRequests = new ArrayDeque<>();
  private final ArrayDeque<RecordedApiRequest> apiRequests = new ArrayDeque<>();

  RequestJournal() {}

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
    append(tokenRequests, entry);
  }

  synchronized void record(RecordedApiRequest entry) {
    append(apiRequests, entry);
  }

  synchronized void clear() {
    tokenRequests.clear();
    apiRequests.clear();
  }

  private static <T> void append(ArrayDeque<T> entries, T entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  @Override
  public synchronized String toString() {
    return "RequestJournal[" + tokenRequests.size() + " token requests, " + apiRequests.size() + " API requests]";
  }
}
