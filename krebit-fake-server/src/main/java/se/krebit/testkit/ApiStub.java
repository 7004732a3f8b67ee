package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request under {@code /api/1.0} that no documented endpoint serves, as {@link
 * FakeKrebitServer#stub} names it, waiting for its answer. The answer comes after the fake's bearer
 * and role checks and its scripted faults, carries a {@code request_id} and is journaled, as for
 * the fake's own endpoints. A later stub of the same request wins; {@link FakeKrebitServer#reset()}
 * keeps stubs.
 */
public final class ApiStub {
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");
  private static final Pattern VARIABLE = Pattern.compile("\\{[^/{}]+}");

  private final WireMockServer wireMock;
  private final String method;
  private final String path;

  private ApiStub(WireMockServer wireMock, String method, String path) {
    this.wireMock = wireMock;
    this.method = method;
    this.path = path;
  }

  /**
   * @param path under {@code /api/1.0/}; each {@code {name}} in it stands for one path segment
   * @throws IllegalArgumentException for a method that is not an HTTP token in capitals, a path
   *     outside the API, or {@code /api/1.0/me}, which is the fake's own
   */
  static ApiStub of(WireMockServer wireMock, String method, String path) {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException(
          "an HTTP method in capitals, such as POST, was expected, got " + method);
    }
    if (!ApiRoute.covers(path) || path.contains("?") || path.contains("#")) {
      throw new IllegalArgumentException(
          "stubs are paths under " + ApiRoute.PREFIX + " without a query, not " + path);
    }
    if (path.equals(ApiRoute.ME)) {
      throw new IllegalArgumentException(ApiRoute.ME + " is the fake's own and cannot be stubbed");
    }
    return new ApiStub(wireMock, method, path);
  }

  /** Answers the request with {@code status} and no body. */
  public void respond(int status) {
    answer(WireMock.aResponse().withStatus(checkStatus(status)));
  }

  /**
   * Answers the request with {@code status} and {@code json} as an {@code application/json} body.
   */
  public void respond(int status, String json) {
    requireNonNull(json, "json");
    answer(
        WireMock.aResponse()
            .withStatus(checkStatus(status))
            .withHeader("Content-Type", Responses.JSON)
            .withBody(json));
  }

  private void answer(ResponseDefinitionBuilder response) {
    wireMock.stubFor(
        WireMock.request(method, WireMock.urlPathMatching(regex(path))).willReturn(response));
  }

  private static int checkStatus(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException(
          "a final HTTP status, 200 to 599, was expected, got " + status);
    }
    return status;
  }

  /** The path as a regular expression: literal text quoted, each {@code {name}} one segment. */
  private static String regex(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher variable = VARIABLE.matcher(path);
    int from = 0;
    while (variable.find()) {
      regex.append(Pattern.quote(path.substring(from, variable.start()))).append("[^/]+");
      from = variable.end();
    }
    return regex.append(Pattern.quote(path.substring(from))).toString();
  }

  @Override
  public String toString() {
    return "ApiStub[" + method + " " + path + "]";
  }
}
