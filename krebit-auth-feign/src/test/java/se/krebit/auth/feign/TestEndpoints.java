package se.krebit.auth.feign;

import java.net.URI;
import java.time.Duration;
import se.krebit.http.HttpConfig;

/** Builders pointed at a test server, with retries fast enough for tests. */
final class TestEndpoints {
  static final String TOKEN_PATH = "/oauth/token";

  /** Short timeouts and millisecond backoff. */
  static final HttpConfig FAST =
      HttpConfig.custom()
          .connectTimeout(Duration.ofSeconds(2))
          .callTimeout(Duration.ofSeconds(5))
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(20))
          .build();

  private TestEndpoints() {}

  /** An endpoint builder for {@code baseUrl + /oauth/token}: 3 attempts, millisecond backoff. */
  static FeignTokenEndpoint.Builder at(String baseUrl) {
    return FeignTokenEndpoint.builder().tokenEndpoint(URI.create(baseUrl + TOKEN_PATH)).http(FAST);
  }
}
