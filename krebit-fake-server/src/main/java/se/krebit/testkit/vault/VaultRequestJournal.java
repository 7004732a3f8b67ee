package se.krebit.testkit.vault;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * What the fake Vault was asked, oldest first, for assertions. An entry is in the journal before
 * its response is sent. Holds no token, secret id or body: see {@link RecordedVaultRequest}.
 *
 * <p>Thread-safe; lists returned are snapshots. Keeps the latest {@value #CAPACITY} entries; {@link
 * FakeVaultServer#reset()} empties it.
 */
public final class VaultRequestJournal {
  /** How many entries the journal keeps. */
  public static final int CAPACITY = 10_000;

  private final ArrayDeque<RecordedVaultRequest> requests = new ArrayDeque<>();

  VaultRequestJournal() {}

  /** Every request, oldest first. */
  public synchronized List<RecordedVaultRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many requests there were. */
  public synchronized int requestCount() {
    return requests.size();
  }

  /** How many requests used {@code method} on a path starting with {@code pathPrefix}. */
  public synchronized int count(String method, String pathPrefix) {
    return (int) requests.stream().filter(r -> r.is(method, pathPrefix)).count();
  }

  /** How many AppRole logins succeeded, on any AppRole mount. */
  public synchronized int logins() {
    return (int)
        requests.stream()
            .filter(
                r ->
                    r.method().equals("POST")
                        && r.path().startsWith("auth/")
                        && r.path().endsWith("/login")
                        && r.answered(200))
            .count();
  }

  /** How many {@code auth/token/renew-self} requests there were, whatever the answer. */
  public synchronized int renewals() {
    return count("POST", "auth/token/renew-self");
  }

  /** The latest request, if any. */
  public synchronized Optional<RecordedVaultRequest> lastRequest() {
    return Optional.ofNullable(requests.peekLast());
  }

  synchronized void record(RecordedVaultRequest entry) {
    if (requests.size() == CAPACITY) {
      requests.removeFirst();
    }
    requests.addLast(entry);
  }

  synchronized void clear() {
    requests.clear();
  }

  @Override
  public synchronized String toString() {
    return "VaultRequestJournal[" + requests.size() + " requests]";
  }
}
