package se.krebit.auth.feign.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;

/**
 * The README's token-path snippet, verbatim between the markers: what it builds asks where it says.
 */
class ReadmeTokenEndpointTest {
  static FeignTokenEndpoint pinned() {
    // README:begin token-path
    Tenant acme = Tenant.organization("acme").withTokenPath("/api/oauth/token"); // the guide's v2 path, pinned
    FeignTokenEndpoint endpoint = FeignTokenEndpoint.builder().tenant(acme).build();
    // or from the environment: KREBIT_TENANT=acme KREBIT_TOKEN_PATH=/api/oauth/token
    // README:end token-path
    return endpoint;
  }

  @Test
  void theSnippetPinsTheTokenPath() {
    assertThat(pinned().currentTokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
    assertThat(
            KrebitAuthConfig.tenantFromEnvironment(
                    Map.of("KREBIT_TENANT", "acme", "KREBIT_TOKEN_PATH", "/api/oauth/token"),
                    Map.of())
                .tokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
  }
}
