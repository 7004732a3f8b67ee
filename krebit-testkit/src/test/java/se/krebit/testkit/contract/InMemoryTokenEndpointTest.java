package se.krebit.testkit.contract;

import org.junit.jupiter.api.Nested;
import se.krebit.auth.spi.TokenEndpoint;

/** The in-memory stub keeps the contract, with refresh-token rotation and without. */
class InMemoryTokenEndpointTest {
  @Nested
  class WithRotation extends Stub {
    WithRotation() {
      super(true);
    }
  }

  @Nested
  class WithoutRotation extends Stub {
    WithoutRotation() {
      super(false);
    }
  }

  abstract static class Stub extends TokenEndpointContract {
    private final boolean rotate;

    Stub(boolean rotate) {
      this.rotate = rotate;
    }

    @Override
    protected AuthorizationServer server() {
      return new InMemoryTokenEndpoint(rotate);
    }

    @Override
    protected TokenEndpoint endpoint(AuthorizationServer server) {
      return (InMemoryTokenEndpoint) server;
    }
  }
}
