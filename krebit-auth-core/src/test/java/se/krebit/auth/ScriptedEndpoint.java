package se.krebit.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * An in-process token endpoint whose answers a test scripts: by default a new token with the
 * configured lifetime per request; queued answers (tokens or failures) go first; a gate can hold
 * requests until the test opens it.
 */
final class ScriptedEndpoint implements TokenEndpoint {
  private final AtomicInteger requests = new AtomicInteger();
  private final Deque<Supplier<TokenResponse>> script = new ArrayDeque<>();
  private volatile Duration lifetime = Duration.ofHours(1);
  private Supplier<TokenResponse> fallback;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch firstRequestArrived = new CountDownLatch(1);

  ScriptedEndpoint lifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  synchronized ScriptedEndpoint thenFail(RuntimeException failure) {
    script.add(
        () -> {
          throw failure;
        });
    return this;
  }

  synchronized ScriptedEndpoint thenAnswer(TokenResponse response) {
    script.add(() -> response);
    return this;
  }

  /**
   * From now on every request is answered by {@code answer}, like a server that caches its tokens.
   */
  synchronized ScriptedEndpoint alwaysAnswer(Supplier<TokenResponse> answer) {
    script.clear();
    fallback = answer;
    return this;
  }

  /** Holds every request until {@link #open()}. */
  ScriptedEndpoint close() {
    gate = new CountDownLatch(1);
    return this;
  }

  void open() {
    gate.countDown();
  }

  boolean awaitFirstRequest() throws InterruptedException {
    return firstRequestArrived.await(5, TimeUnit.SECONDS);
  }

  int requests() {
    return requests.get();
  }

  static TokenResponse token(String value, Duration expiresIn) {
    return new TokenResponse(value, expiresIn, Optional.empty(), Set.of(), Optional.of("req-test"));
  }

  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    int n = requests.incrementAndGet();
    firstRequestArrived.countDown();
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Supplier<TokenResponse> next;
    synchronized (this) {
      next = script.poll();
    }
    if (next == null) {
      synchronized (this) {
        next = fallback;
      }
    }
    return next != null ? next.get() : token("token-" + n, lifetime);
  }
}
