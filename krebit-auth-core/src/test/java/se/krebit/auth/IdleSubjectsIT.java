package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.signIn;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * Issue 21 item 3, on the real clock and the default scheduler: the sources of users who stop
 * calling are released and come back from the store on their next call with the same token; idle
 * users cost no token request and no store call; a source holding a rotated refresh token the store
 * has not yet taken is never released, and that token reaches the store and keeps the user signed
 * in.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IdleSubjectsIT {
  private static final Duration IDLE = Duration.ofMillis(300);
  private static final long DEADLINE_MILLIS = 20_000;

  private final RotatingEndpoint server = new RotatingEndpoint();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final CountingStore store = new CountingStore(new InMemoryTokenStore());

  private AuthorizationCodeFlow.Builder flow() {
    TokenEndpoint counting =
        (client, grant) -> {
          tokenRequests.incrementAndGet();
          return server.exchange(client, grant);
        };
    return flowOn(counting).tokenStore(store).subjectIdleTimeout(IDLE);
  }

  @Test
  void idleUsersAreReleasedCostNothingAndComeBackFromTheStoreWithTheSameToken()
      throws InterruptedException {
    Duration idle = Duration.ofSeconds(3);
    AuthorizationCodeFlow flow = flow().subjectIdleTimeout(idle).build();
    int users = 1_000;
    for (int i = 0; i < users; i++) {
      signIn(flow, "user-" + i); // keeps nothing in the flow: sources come with the first call
    }
    assertThat(flow.activeSubjects()).isZero();
    Map<String, String> tokenOf = new HashMap<>();
    long firstCall = System.nanoTime();
    for (int i = 0; i < users; i++) {
      String subject = "user-" + i;
      tokenOf.put(subject, flow.forSubject(subject).token().value());
    }
    Thread.sleep(idle.toMillis() / 3);
    int heldBeforeTheTimeout = flow.activeSubjects();
    long sinceFirstCall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstCall);
    assertThat(sinceFirstCall)
        .as("precondition: the calls and the pause took less than the idle timeout")
        .isLessThan(idle.toMillis());
    assertThat(heldBeforeTheTimeout).as("nobody released before the idle timeout").isEqualTo(users);

    // The first hundred users stay active; the other 900 go idle.
    int requestsBefore = tokenRequests.get();
    long storeCallsBefore = store.calls();
    awaitTrue(
        "the idle users' sources released",
        () -> {
          for (int i = 0; i < 100; i++) {
            assertThat(flow.forSubject("user-" + i).token().value())
                .isEqualTo(tokenOf.get("user-" + i));
          }
          return flow.activeSubjects() == 100;
        });
    assertThat(tokenRequests.get() - requestsBefore)
        .as("token requests while users were idle or active")
        .isZero();
    assertThat(store.calls() - storeCallsBefore)
        .as("store calls for idle users, and for active ones")
        .isZero();

    long loadsBefore = store.loads.get();
    for (int i = 0; i < users; i++) {
      String subject = "user-" + i;
      assertThat(flow.forSubject(subject).token().value())
          .as(subject)
          .isEqualTo(tokenOf.get(subject));
    }
    assertThat(store.loads.get() - loadsBefore)
        .as("one store read for each returning user")
        .isEqualTo(users - 100);
    assertThat(tokenRequests.get() - requestsBefore)
        .as("token requests to bring users back")
        .isZero();
    assertThat(flow.activeSubjects()).isEqualTo(users);
  }

  @Test
  void aRotatedRefreshTokenWaitingForTheStoreIsNeverReleasedAndKeepsTheUserSignedIn()
      throws InterruptedException {
    AuthorizationCodeFlow flow =
        flow()
            .refreshPolicy(
                RefreshPolicy.custom()
                    .minRetryDelay(Duration.ofMillis(50))
                    .maxRetryDelay(Duration.ofMillis(100))
                    .build())
            .build();
    signIn(flow, "alice");
    signIn(flow, "bob");
    TokenSource alice = flow.forSubject("alice");
    AccessToken first = alice.token();
    flow.forSubject("bob").token();

    store.failWritesAfter(1); // the lease claim goes through, then the store goes down
    alice.invalidate(
        first); // Krebit refused it: the next call refreshes, and the store can't take the result
    assertThatThrownBy(alice::token).isInstanceOf(TokenStoreException.class);
    String rotated = server.newestRefreshToken("family-code-alice");

    // Many sweeps pass; bob, idle, is released; alice's source holds the only copy of the rotated
    // token.
    awaitTrue("bob's source released", () -> flow.activeSubjects() == 1);
    long pinnedSince = System.nanoTime();
    while (System.nanoTime() - pinnedSince < TimeUnit.MILLISECONDS.toNanos(IDLE.toMillis() * 4)) {
      assertThat(flow.activeSubjects())
          .as("alice's source, holding an unwritten rotation")
          .isEqualTo(1);
      Thread.sleep(20);
    }
    assertThat(flow.forSubject("alice"))
        .as("the same source, never rebuilt meanwhile")
        .isSameAs(alice);

    store.failWritesAfter(
        Integer.MAX_VALUE); // the store is back: the background retry writes the rotation
    awaitTrue(
        "the rotated set written",
        () ->
            store
                .load(key("alice"))
                .orElseThrow()
                .tokens()
                .refreshToken()
                .map(t -> t.value().equals(rotated))
                .orElse(false));
    awaitTrue(
        "alice's source released once it has nothing to lose", () -> flow.activeSubjects() == 0);

    TokenSource rebuilt = flow.forSubject("alice");
    assertThat(rebuilt).isNotSameAs(alice);
    AccessToken restored = rebuilt.token();
    assertThat(restored.value()).isNotEqualTo(first.value());
    rebuilt.invalidate(restored); // and the rotated refresh token still works: no re-authorization
    assertThat(rebuilt.token().value()).isNotEqualTo(restored.value());
    assertThat(server.redemptions("family-code-alice")).isEqualTo(2);
  }

  private static TokenKey key(String subject) {
    return new TokenKey("acme", "web-app", subject);
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE_MILLIS + " ms: " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Counts every call; fails writes on demand, as a database that is down would. */
  private static final class CountingStore implements TokenStore {
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger writesBeforeFailing = new AtomicInteger(Integer.MAX_VALUE);
    private final TokenStore delegate;

    CountingStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    void failWritesAfter(int writes) {
      writesBeforeFailing.set(writes);
    }

    long calls() {
      return loads.get() + writes.get() + deletes.get();
    }

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      loads.incrementAndGet();
      return delegate.load(key);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(
        TokenKey key, long expectedVersion, TokenRecord record) {
      writes.incrementAndGet();
      if (writesBeforeFailing.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1))
          == 0) {
        throw new TokenStoreException("the store is down (test)", true, null);
      }
      return delegate.compareAndSet(key, expectedVersion, record);
    }

    @Override
    public boolean delete(TokenKey key) {
      deletes.incrementAndGet();
      return delegate.delete(key);
    }
  }
}
