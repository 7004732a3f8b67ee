package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Absent, blank and hostile headers come back as empty or as one safe line, never as null. */
class ResponseHeadersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void anAbsentOrBlankHeaderIsEmpty() {
    Response none = response(Map.of());
    Response blank = response(Map.of("request_id", List.of("  "), "Retry-After", List.of(" ")));
    Response nullValue = response(Map.of("request_id", Collections.singletonList(null)));

    for (Response response : Arrays.asList(none, blank, nullValue)) {
      assertThat(ResponseHeaders.requestId(response)).isEmpty();
      assertThat(ResponseHeaders.first(response, ResponseHeaders.RETRY_AFTER)).isEmpty();
      assertThat(RetryAfter.of(response, CLOCK)).isEmpty();
      assertThat(ResponseBodies.allowsJson(response)).as("the parser decides").isTrue();
      assertThat(ResponseBodies.mediaType(response)).isEqualTo("none");
    }
  }

  @Test
  void aPresentHeaderIsOneStrippedPrintableLine() {
    Response response =
        response(
            Map.of(
                "Request_ID", List.of(" req-1\r\nforged: line ", "req-2"),
                "retry-after", List.of("7"),
                "content-type", List.of("Application/Problem+JSON; charset=utf-8")));

    assertThat(ResponseHeaders.requestId(response).orElseThrow())
        .startsWith("req-1")
        .doesNotContain("\r", "\n")
        .doesNotContain("req-2");
    assertThat(RetryAfter.of(response, CLOCK)).contains(Duration.ofSeconds(7));
    assertThat(ResponseBodies.allowsJson(response)).isTrue();
    assertThat(ResponseBodies.mediaType(response)).isEqualTo("application/problem+json");
  }

  @Test
  void aDeclaredNonJsonTypeIsNamedAndRefused() {
    Response html = response(Map.of("Content-Type", List.of("text/html")));
    Response invalidRetryAfter = response(Map.of("Retry-After", List.of("soon")));

    assertThat(ResponseBodies.allowsJson(html)).isFalse();
    assertThat(ResponseBodies.mediaType(html)).isEqualTo("text/html");
    assertThat(RetryAfter.of(invalidRetryAfter, CLOCK)).isEmpty();
  }

  private static Response response(Map<String, List<String>> headers) {
    return FeignResponses.response(503, headers, new ByteArrayInputStream(new byte[0]), 0);
  }
}
