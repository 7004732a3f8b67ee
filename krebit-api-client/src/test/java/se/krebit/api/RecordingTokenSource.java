package se.krebit.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;

/** A token source that passes through to another and records which tokens were invalidated. */
final class RecordingTokenSource implements TokenSource {
  private final TokenSource delegate;
  final List<AccessToken> served = new CopyOnWriteArrayList<>();
  final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();

  RecordingTokenSource(TokenSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public AccessToken token() {
    AccessToken token = delegate.token();
    served.add(token);
    return token;
  }

  @Override
  public void invalidate(AccessToken rejected) {
    invalidated.add(rejected);
    delegate.invalidate(rejected);
  }
}
