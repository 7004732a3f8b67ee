package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import se.krebit.auth.AccessToken;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/** Callers that find the token expired together: they must share one refresh and its token. */
final class OneRefresh {
  private OneRefresh() {}

  /**
   * Moves the fake's clock to {@code first}'s expiry, past the refresh window, so that nobody has a
   * usable token, and holds the next token request 300 ms, so that the callers come while it runs.
   */
  static void expire(AccessToken first, FakeKrebitServer server) {
    server.failNextTokenRequests(1, InjectedFault.delay(Duration.ofMillis(300)));
    server.clock().set(first.expiresAt());
  }

  /**
   * Asserts that every call ended with the same token, a new one, and that the server saw two token
   * requests: the one for {@code first} and one refresh for all the callers.
   */
  static void assertEveryCallGotOneNewToken(
      List<? extends Future<AccessToken>> calls, AccessToken first, FakeKrebitServer server)
      throws Exception {
    AccessToken second = calls.get(0).get(10, TimeUnit.SECONDS);
    for (Future<AccessToken> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(second);
    }
    assertThat(second).isNotEqualTo(first);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }
}
