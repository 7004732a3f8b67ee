package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpTransportRequestTest {
  private static final URI URI_ = URI.create("https://example.test/api/1.0/me");

  @Test
  void anImmutableHeaderMapIsKeptAsGivenSoTransportsCanReuseWhatTheyBuiltOfIt() {
    Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer a"));

    assertThat(request(headers).headers()).isSameAs(headers);
  }

  @Test
  void aMapTheCallerCanStillChangeIsCopiedSoTheRequestKeepsWhatWasSent() {
    Map<String, List<String>> headers = new HashMap<>();
    List<String> bearer = new ArrayList<>(List.of("Bearer a"));
    headers.put("Authorization", bearer);

    HttpTransport.Request request = request(headers);
    bearer.set(0, "Bearer b");
    headers.put("Accept", List.of("text/html"));

    assertThat(request.headers()).isEqualTo(Map.of("Authorization", List.of("Bearer a")));
    assertThat(request(headers).headers()).isNotSameAs(request.headers());
    assertThatThrownBy(() -> request.headers().put("X", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anImmutableMapOfChangeableListsIsCopiedToo() {
    List<String> bearer = new ArrayList<>(List.of("Bearer a"));
    HttpTransport.Request request = request(Map.of("Authorization", bearer));

    bearer.set(0, "Bearer b");

    assertThat(request.headers().get("Authorization")).containsExactly("Bearer a");
  }

  @Test
  void aCopyKeepsTheHeadersInOrderAndIsKeptAsItIsByTheNextRequest() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-B", new ArrayList<>(List.of("2")));
    headers.put("Authorization", new ArrayList<>(List.of("Bearer a")));
    headers.put("X-A", new ArrayList<>(List.of("1", "3")));

    Map<String, List<String>> kept = request(headers).headers();

    assertThat(kept.keySet()).containsExactly("X-B", "Authorization", "X-A");
    assertThat(kept.get("X-A")).containsExactly("1", "3");
    // a retry or a second transport building a request of the same headers copies nothing again
    assertThat(request(kept).headers()).isSameAs(kept);
    assertThatThrownBy(() -> kept.get("X-A").add("4"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kept.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theJdksImmutableMapsOfEverySizeAreKept() {
    Map<String, List<String>> none = Map.of();
    Map<String, List<String>> several =
        Map.of(
            "A", List.of("1"), "B", List.of("1", "2"), "C", List.of("1", "2", "3"), "D", List.of());

    assertThat(request(none).headers()).isSameAs(none);
    assertThat(request(several).headers()).isSameAs(several);
  }

  @Test
  void neitherARequestNorAResponseShowsAHeaderValueOrTheQueryInItsString() {
    HttpTransport.Request request =
        new HttpTransport.Request(
            "POST",
            URI.create("https://example.test/oauth/token?client_secret=query-secret"),
            Map.of(
                "Authorization",
                List.of("Basic Y2xpZW50OmJhc2ljLXNlY3JldA=="),
                "X-Token",
                List.of("Bearer header-token")),
            Optional.of(
                "client_secret=body-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Duration.ofSeconds(1));
    HttpTransport.Response response =
        new HttpTransport.Response(
            200,
            Map.of("Set-Cookie", List.of("session=cookie-secret")),
            "{\"access_token\":\"response-token\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Optional.of(new java.io.IOException("cut")));

    String printed = request + " " + response;

    assertThat(printed)
        .contains(
            "POST", "https://example.test/oauth/token", "Authorization", "X-Token", "Set-Cookie")
        .doesNotContain(
            "query-secret",
            "Y2xpZW50",
            "header-token",
            "body-secret",
            "cookie-secret",
            "response-token");
  }

  private static HttpTransport.Request request(Map<String, List<String>> headers) {
    return new HttpTransport.Request("GET", URI_, headers, Optional.empty(), Duration.ofSeconds(1));
  }
}
