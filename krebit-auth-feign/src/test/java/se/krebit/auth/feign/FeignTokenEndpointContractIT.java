package se.krebit.auth.feign;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.RefreshTokenRotation;
import se.krebit.testkit.contract.FakeAuthorizationServer;
import se.krebit.testkit.contract.TokenEndpointContract;

/**
 * The Feign endpoint, as users build it (retries and circuit breaker included), keeps the contract
 * against the fake over loopback: with refresh-token rotation, and with a server that keeps refresh
 * tokens and leaves them out of refresh answers.
 */
class FeignTokenEndpointContractIT {
  private static final String CLIENT = "contract-client";
  private static final URI CALLBACK = URI.create("http://127.0.0.1:8765/callback");

  @RegisterExtension static final FakeKrebitExtension ROTATING = fake(RefreshTokenRotation.ROTATE);

  @RegisterExtension
  static final FakeKrebitExtension KEEPING = fake(RefreshTokenRotation.KEEP_AND_OMIT);

  private static FakeKrebitExtension fake(RefreshTokenRotation rotation) {
    return FakeKrebitExtension.builder()
        .app(CLIENT, "contract: s3cret/é")
        .redirectUri(CLIENT, CALLBACK.toString())
        .refreshTokenRotation(rotation)
        .build();
  }

  @Nested
  class WithRotation extends OnTheFake {
    WithRotation() {
      super(ROTATING, RefreshTokenRotation.ROTATE);
    }
  }

  @Nested
  class WithoutRotation extends OnTheFake {
    WithoutRotation() {
      super(KEEPING, RefreshTokenRotation.KEEP_AND_OMIT);
    }
  }

  abstract static class OnTheFake extends TokenEndpointContract {
    private final FakeKrebitExtension fake;
    private final RefreshTokenRotation rotation;

    OnTheFake(FakeKrebitExtension fake, RefreshTokenRotation rotation) {
      this.fake = fake;
      this.rotation = rotation;
    }

    @Override
    protected AuthorizationServer server() {
      return new FakeAuthorizationServer(fake.server(), CLIENT, CALLBACK, rotation);
    }

    @Override
    protected TokenEndpoint endpoint(AuthorizationServer server) {
      return FeignTokenEndpoint.builder().tenant(fake.server().tenant()).build();
    }
  }
}
