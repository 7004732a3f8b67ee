package se.krebit.testkit;

import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.testkit.contract.FakeAuthorizationServer;
import se.krebit.testkit.contract.TokenEndpointContract;

/**
 * The bare JDK endpoint these tests run core's flows with keeps the contract against the fake, over
 * loopback.
 */
class JdkTokenEndpointContractIT extends TokenEndpointContract {
  private static final URI CALLBACK = URI.create("http://127.0.0.1:8765/callback");

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("contract-client", "contract: s3cret/é")
          .redirectUri("contract-client", CALLBACK.toString())
          .build();

  @Override
  protected AuthorizationServer server() {
    return new FakeAuthorizationServer(
        KREBIT.server(), "contract-client", CALLBACK, RefreshTokenRotation.ROTATE);
  }

  @Override
  protected TokenEndpoint endpoint(AuthorizationServer server) {
    return new JdkTokenEndpoint(KREBIT.server().tokenEndpoint());
  }
}
