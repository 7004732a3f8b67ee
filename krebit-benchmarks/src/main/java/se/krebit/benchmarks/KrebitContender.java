package se.krebit.benchmarks;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.testing.SettableClock;

/**
 * Our {@link ClientCredentialsTokenSource}, built as a user would build it (default policy, default
 * executor), with its token endpoint replaced by a {@link TokenServerStub}.
 */
public final class KrebitContender {
  static final ClientCredentials CLIENT =
      ClientCredentials.of("benchmark-client", "benchmark-secret");

  private KrebitContender() {}

  /**
   * A source with no token yet. With the system clock it uses the production scheduler; with a
   * {@link SettableClock} the refresh-ahead timer runs when that clock is advanced.
   */
  public static ClientCredentialsTokenSource source(TokenServerStub server, Clock clock) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(endpoint(server))
        .client(CLIENT)
        .clock(clock)
        .build();
  }

  /**
   * The stub as a {@link TokenEndpoint}: what a Feign or HTTP adapter would return, minus the wire.
   */
  static TokenEndpoint endpoint(TokenServerStub server) {
    return (client, grant) -> {
      TokenServerStub.Issued issued = server.issue();
      return new TokenResponse(
          issued.value(), issued.lifetime(), Optional.empty(), Set.of(), Optional.empty());
    };
  }
}
