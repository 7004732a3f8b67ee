package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.krebit.auth.testing.SettableClock;

/** Codes without HTTP: atomic single use under contention, expiry on the clock. */
class AuthorizationCodesTest {
  private static final String REDIRECT = "https://app.example/cb";
  private final SettableClock clock = SettableClock.create();
  private final FamilyRevocations revocations = new FamilyRevocations();
  private final AuthorizationCodes codes = new AuthorizationCodes(clock, revocations);

  private static UserPrincipal alice() {
    return new UserPrincipal("alice", "demo-client", Set.of(), List.of(), RandomValues.familyId());
  }

  @Test
  void exactlyOneOfManyConcurrentRedemptionsWinsEveryTime() throws Exception {
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 50; round++) {
        String code = codes.issue(alice(), REDIRECT, Optional.empty());
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          attempts.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                      codes.redeem(code, "demo-client", REDIRECT, Optional.empty());
                      return true;
                    } catch (OAuthProblem refused) {
                      return false;
                    }
                  }));
        }
        int wins = 0;
        for (Future<Boolean> attempt : attempts) {
          wins += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCodeLivesSixtySecondsOnTheClock() {
    String code = codes.issue(alice(), REDIRECT, Optional.empty());

    clock.advance(Duration.ofSeconds(60));

    assertThatThrownBy(() -> codes.redeem(code, "demo-client", REDIRECT, Optional.empty()))
        .isInstanceOfSatisfying(
            OAuthProblem.class, p -> assertThat(p.error().description()).contains("expired"));
  }

  @Test
  void aSecondRedemptionRevokesTheFamily() {
    UserPrincipal alice = alice();
    String code = codes.issue(alice, REDIRECT, Optional.empty());
    codes.redeem(code, "demo-client", REDIRECT, Optional.empty());

    assertThatThrownBy(() -> codes.redeem(code, "demo-client", REDIRECT, Optional.empty()))
        .isInstanceOfSatisfying(OAuthProblem.class, p -> assertThat(p.subject()).contains(alice));
    assertThat(revocations.isRevoked(alice.familyId())).isTrue();
  }
}
