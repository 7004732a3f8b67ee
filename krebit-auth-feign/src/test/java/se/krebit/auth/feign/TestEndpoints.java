package se.krebit.auth.feign;

import java.net.URI;
import java.time.Duration;

/** Builders pointed at a test server, with retries fast enough for tests. */
final class TestEndpoints {
  static final String TOKEN_PATH = "/oauth/token";

  private TestEndpoints() {}

  /** An endpoint builder for {@code baseUrl + /oauth/token}: 3 attempts, millisecond backoff. */
  static FeignTokenEndpoint.Builder at(String baseUrl) {
    return FeignTokenEndpoint.builder()
        .tokenEndpoint(URI.create(baseUrl + TOKEN_PATH))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20));
  }
}
