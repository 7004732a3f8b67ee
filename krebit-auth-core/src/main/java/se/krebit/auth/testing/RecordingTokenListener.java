package se.krebit.auth.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenRequestEvent;

/**
 * A {@link TokenListener} that keeps what it hears, in order, for a test to assert on: every
 * finished token request, and the grant type of every wait. Thread-safe.
 */
public final class RecordingTokenListener implements TokenListener {
  private final List<TokenRequestEvent> requests = new CopyOnWriteArrayList<>();
  private final List<String> waits = new CopyOnWriteArrayList<>();

  @Override
  public void tokenRequested(TokenRequestEvent event) {
    requests.add(event);
  }

  @Override
  public void callerWaited(String grantType, Duration waited) {
    waits.add(grantType);
  }

  /** The token requests heard so far, oldest first; a live, read-only view. */
  public List<TokenRequestEvent> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** The grant type of each wait heard so far, oldest first; a live, read-only view. */
  public List<String> waits() {
    return Collections.unmodifiableList(waits);
  }

  @Override
  public String toString() {
    return "RecordingTokenListener[" + requests.size() + " requests, " + waits.size() + " waits]";
  }
}
