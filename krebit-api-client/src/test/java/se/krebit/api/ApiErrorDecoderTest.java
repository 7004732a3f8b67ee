package se.krebit.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.krebit.http.BoundedExchangeClient;
import se.krebit.http.HttpTransport;

class ApiErrorDecoderTest {
  private static final String URL = "https://acme.krebit.se/api/1.0/things?q=x";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ApiErrorDecoder decoder = new ApiErrorDecoder(ApiJson.MAPPER, 1024, CLOCK);

  @ParameterizedTest
  @CsvSource({
    "401, KrebitUnauthorizedException",
    "403, KrebitForbiddenException",
    "404, KrebitNotFoundException",
    "409, KrebitConflictException",
    "422, KrebitUnprocessableException",
    "429, KrebitRateLimitedException",
    "500, KrebitServerErrorException",
    "599, KrebitServerErrorException",
    "400, KrebitValidationException",
    "418, KrebitUnexpectedResponseException",
    "301, KrebitUnexpectedResponseException"
  })
  void mapsEachStatusToItsType(int status, String type) {
    Exception e =
        decoder.decode("Api#call()", response(status, "application/json", "{}", Map.of()));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(((KrebitApiException) e).httpStatus()).hasValue(status);
  }

  @Test
  void prefersMessageThenErrorDescriptionThenError() {
    assertThat(message("{\"error\":\"e\",\"error_description\":\"d\",\"message\":\"m\"}"))
        .isEqualTo("m");
    assertThat(message("{\"error\":\"e\",\"error_description\":\"d\"}")).isEqualTo("d");
    assertThat(message("{\"error\":\"e\",\"message\":\" \"}")).isEqualTo("e");
    assertThat(message("{\"message\":42}")).isNull();
    assertThat(message("not json")).isNull();
  }

  @Test
  void aBodyAboveTheCapGivesNoMessage() {
    assertThat(message("{\"message\":\"" + "x".repeat(2000) + "\"}")).isNull();
  }

  @Test
  void serverTextIsOneShortPrintableLine() {
    assertThat(ApiErrorDecoder.oneLine(" a\r\nb\tc\u202Ed\u2028e ")).isEqualTo("a??b?c?d?e");
    assertThat(ApiErrorDecoder.oneLine("å".repeat(300))).hasSize(200).isEqualTo("å".repeat(200));
  }

  @Test
  void readsRetryAfterAndRequestIdAndNamesTheBodyTypeWithoutQuotingIt() {
    KrebitServerErrorException e =
        (KrebitServerErrorException)
            decoder.decode(
                "k",
                response(
                    503,
                    "text/html; charset=utf-8",
                    "<h1>secret page</h1>",
                    Map.of("Retry-After", List.of("7"), "request_id", List.of("req-1"))));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.requestId()).contains("req-1");
    assertThat(e)
        .hasMessage(
            "GET /api/1.0/things answered HTTP 503, asking to wait 7 s: the server failed;"
                + " try again later (a text/html body, not shown) (request_id req-1)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"message\":\"The given data was invalid.\",\"errors\":{\"language\":[\"unsupported_language\"],\"message\":[\"too_long\",\"x\"]}}",
        "{\"errors\":{\"language\":\"unsupported_language\",\"message\":[\"too_long\",\"x\"]}}",
        "{\"errors\":[{\"field\":\"language\",\"message\":\"unsupported_language\"},{\"field\":\"message\",\"code\":\"too_long\"},{\"field\":\"message\",\"message\":\"x\"}]}",
        "{\"message\":\"invalid\",\"language\":[\"unsupported_language\"],\"message_\":[],\"message\":null,\"status\":[\"400\"],\"x\":{}}"
      })
  void readsFieldMessagesInTheCommonShapes(String body) {
    KrebitValidationException e =
        (KrebitValidationException)
            decoder.decode("k", response(400, "application/json", body, Map.of()));

    assertThat(e.messagesFor("language")).containsExactly("unsupported_language");
    if (!body.contains("\"x\":{}")) {
      assertThat(e.fieldErrors()).containsOnlyKeys("language", "message");
      assertThat(e.messagesFor("message")).containsExactly("too_long", "x");
    } else {
      assertThat(e.fieldErrors()).containsOnlyKeys("language");
    }
    assertThat(e)
        .hasMessageContaining(
            "Krebit refused the request's content (language: unsupported_language");
  }

  @Test
  void fieldMessagesAreCappedPrintableAndNeverTheWholeBody() {
    StringBuilder body = new StringBuilder("{\"errors\":{");
    for (int i = 0; i < 80; i++) {
      body.append(i == 0 ? "" : ",")
          .append("\"f")
          .append(i)
          .append("\":[\"bad\\r\\nX-Forged: 1\",\"")
          .append("y".repeat(300))
          .append("\"]");
    }
    body.append("}}");
    ApiErrorDecoder roomy = new ApiErrorDecoder(ApiJson.MAPPER, 1024 * 1024, CLOCK);

    KrebitValidationException e =
        (KrebitValidationException)
            roomy.decode("k", response(400, "application/json", body.toString(), Map.of()));

    assertThat(e.fieldErrors()).hasSize(50);
    assertThat(e.messagesFor("f0")).containsExactly("bad??X-Forged: 1", "y".repeat(200));
    assertThat(e.getMessage())
        .contains("and 45 more field(s)")
        .doesNotContain("\n")
        .hasSizeLessThan(3000);
    assertThat(e.fieldErrors().get("f0")).isUnmodifiable();
  }

  @Test
  void aValidationErrorWithoutJsonHasNoFieldMessages() {
    KrebitValidationException e =
        (KrebitValidationException)
            decoder.decode("k", response(400, "text/html", "<p>bad</p>", Map.of()));

    assertThat(e.fieldErrors()).isEmpty();
    assertThat(e)
        .hasMessageContaining("Krebit refused the request's content (a text/html body, not shown)");
  }

  private String message(String body) {
    KrebitApiException e =
        (KrebitApiException) decoder.decode("k", response(409, "application/json", body, Map.of()));
    return e.serverMessage().orElse(null);
  }

  /** A response to a GET of {@link #URL} as the API client gets it from its transport. */
  private static Response response(
      int status, String contentType, String body, Map<String, List<String>> headers) {
    Map<String, List<String>> all = new HashMap<>(headers);
    all.put("Content-Type", List.of(contentType));
    Request request = Request.create(Request.HttpMethod.GET, URL, Map.of(), null, UTF_8, null);
    return BoundedExchangeClient.toFeignResponse(
        request, new HttpTransport.Response(status, all, body.getBytes(UTF_8), Optional.empty()));
  }
}
