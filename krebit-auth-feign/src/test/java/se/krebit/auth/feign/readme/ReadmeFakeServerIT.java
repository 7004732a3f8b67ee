package se.krebit.auth.feign.readme;

// README:begin fake-server-junit
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
// README:end fake-server-junit

/** The README's JUnit 5 example of the fake server, verbatim between the {@code README} markers. */
class ReadmeFakeServerIT {
  // README:begin fake-server-junit
  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder()
      .app("demo-client", "demo-secret", "reader")
      .build();

  @Test
  void asksForANewTokenWhenTheOldOneExpires(FakeKrebitServer server, SettableClock clock) {
    TokenSource tokens = ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
        .client(server.credentials("demo-client"))
        .clock(clock)                          // the fake's clock drives expiry and refresh-ahead
        .build();
    AccessToken first = tokens.token();

    clock.advance(Duration.ofHours(1));        // no waiting: the token has expired now

    assertThat(tokens.token()).isNotEqualTo(first);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void reportsAnUnavailableTokenEndpoint(FakeKrebitServer server) {
    server.failNextTokenRequests(3, InjectedFault.status(503));   // also: revoke(token), consent().denyNext(), …
    TokenSource tokens = ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
        .client(server.credentials("demo-client"))
        .build();

    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
  }
  // README:end fake-server-junit
}
