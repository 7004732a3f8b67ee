package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.Http.clientCredentialsJson;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token endpoint at the paths a test asks for: Krebit's guides name {@code /oauth/token} and
 * {@code /api/oauth/token}; the fake serves either or both, and 404 (with {@code request_id})
 * elsewhere.
 */
class TokenPathsIT {
  @Test
  void servesTheTokenEndpointOnlyAtTheConfiguredPath() {
    try (FakeKrebitServer server =
        FakeKrebitServer.builder()
            .app("demo-client", "demo-secret")
            .tokenPaths("/api/oauth/token")
            .build()
            .start()) {
      URI base = server.baseUri();

      HttpResponse<String> there = Http.postJson(base.resolve("api/oauth/token"), body());
      HttpResponse<String> default404 = Http.postJson(base.resolve("oauth/token"), body());

      assertThat(there.statusCode()).isEqualTo(200);
      assertThat(default404.statusCode()).isEqualTo(404);
      assertThat(default404.headers().firstValue("request_id")).isPresent();
      assertThat(server.tokenEndpoint()).isEqualTo(base.resolve("api/oauth/token"));
      assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void servesBothDocumentedPathsWhenAsked() {
    try (FakeKrebitServer server =
        FakeKrebitServer.builder()
            .app("demo-client", "demo-secret")
            .tokenPaths("/oauth/token", "/api/oauth/token")
            .build()
            .start()) {
      assertThat(Http.postJson(server.baseUri().resolve("oauth/token"), body()).statusCode())
          .isEqualTo(200);
      assertThat(Http.postJson(server.baseUri().resolve("api/oauth/token"), body()).statusCode())
          .isEqualTo(200);
      assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
      assertThat(server.tokenPaths()).containsExactly("/oauth/token", "/api/oauth/token");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"oauth/token", "/api/1.0/token", "/oauth/authorize", "/oauth/token?x=1"})
  void refusesPathsThatAreNoTokenPath(String path) {
    assertThatThrownBy(() -> FakeKrebitServer.builder().tokenPaths(path))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String body() {
    return clientCredentialsJson("demo-client", "demo-secret");
  }
}
