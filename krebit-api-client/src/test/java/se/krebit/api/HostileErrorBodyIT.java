package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * Error responses whose bodies are not the JSON the client hopes for (seeded at random: HTML, XML,
 * plain text, binary garbage, truncated or deeply nested JSON, under any content type): each is the
 * typed {@link KrebitApiException} of its status, and no body is ever quoted.
 */
class HostileErrorBodyIT {
  private static final String PLANTED = "someone@example.com";
  private static final int[] STATUSES = {
    400, 401, 403, 404, 405, 409, 418, 422, 429, 500, 502, 503, 504, 599
  };
  private static final String[] CONTENT_TYPES = {
    "text/html",
    "text/plain",
    "application/json",
    "application/xml",
    "application/problem+json",
    "application/octet-stream",
    "application/json; charset=latin1",
    ""
  };

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  static Stream<Arguments> hostileErrors() {
    Random random = new Random(20261127L);
    List<String> shapes =
        List.of(
            "<html><body><h1>Error</h1>" + PLANTED + "</body></html>",
            "<?xml version=\"1.0\"?><error>" + PLANTED + "</error>",
            "Internal error for " + PLANTED + "\r\nX-Injected: 1",
            "{\"message\":\"" + PLANTED,
            "[".repeat(5000) + PLANTED,
            "{\"message\":{\"nested\":\"" + PLANTED + "\"}}",
            "{\"message\":null,\"error\":42,\"detail\":\"" + PLANTED + "\"}",
            "\u0000\u0001\u00ff" + PLANTED,
            "");
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      cases.add(
          Arguments.of(
              STATUSES[random.nextInt(STATUSES.length)],
              CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)],
              shapes.get(random.nextInt(shapes.size()))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("hostileErrors")
  void aHostileErrorBodyIsTheTypedErrorOfItsStatusAndIsNeverQuoted(
      int status, String contentType, String body, FakeKrebitServer server) {
    server.failNextApiRequests(2, InjectedFault.response(status, contentType, body));
    KrebitClient krebit =
        TestClients.builder(
                server, new FixedTokenSource(server.issueToken(TestClients.CLIENT_ID).value()))
            .http(TestClients.fast().maxAttempts(1).build())
            .build();

    Throwable failure = catchThrowable(krebit::me);

    assertThat(failure).isInstanceOf(KrebitApiException.class);
    KrebitApiException error = (KrebitApiException) failure;
    assertThat(error).isInstanceOf(expectedType(status));
    assertThat(error.httpStatus()).hasValue(status);
    assertThat(error.requestId()).isPresent();
    assertThat(error.getMessage())
        .doesNotContain(PLANTED)
        .doesNotContain("\n")
        .doesNotContain("\r");
    assertThat(error.serverMessage().orElse("")).doesNotContain(PLANTED);
  }

  private static Class<? extends KrebitApiException> expectedType(int status) {
    return switch (status) {
      case 400 -> KrebitValidationException.class;
      case 401 -> KrebitUnauthorizedException.class;
      case 403 -> KrebitForbiddenException.class;
      case 404 -> KrebitNotFoundException.class;
      case 409 -> KrebitConflictException.class;
      case 422 -> KrebitUnprocessableException.class;
      case 429 -> KrebitRateLimitedException.class;
      default ->
          status >= 500
              ? KrebitServerErrorException.class
              : KrebitUnexpectedResponseException.class;
    };
  }
}
