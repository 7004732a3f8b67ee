package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import se.krebit.auth.AccessToken;
import se.krebit.testkit.FakeKrebitServer;

/** What callers that find the token expired together must get: one new token, fetched once. */
final class OneRefresh {
  private OneRefresh() {}

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
