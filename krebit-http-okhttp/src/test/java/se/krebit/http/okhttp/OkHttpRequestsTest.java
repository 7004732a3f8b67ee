package se.krebit.http.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import se.krebit.http.HttpTransport;

/** Requests converted for OkHttp: what is sent, and what is kept from the request before. */
class OkHttpRequestsTest {
  private static final URI ME = URI.create("https://api.example.com/api/1.0/me");
  private static final URI SIGNINGS = URI.create("https://api.example.com/api/1.0/signings");

  private static HttpTransport.Request get(URI uri, Map<String, List<String>> headers) {
    return new HttpTransport.Request("GET", uri, headers, Optional.empty(), Duration.ofSeconds(5));
  }

  @Test
  void sendsTheMethodUrlAndHeadersButNotThoseTheTransportSetsItself() {
    Request request =
        new OkHttpRequests()
            .toOkHttp(
                get(
                    ME,
                    Map.of(
                        "Accept", List.of("application/json"),
                        "X-Two", List.of("a", "b"),
                        "Host", List.of("evil.example"),
                        "content-length", List.of("3"),
                        "Connection", List.of("close"))));

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.url().toString()).isEqualTo(ME.toString());
    assertThat(request.headers().names()).containsExactlyInAnyOrder("Accept", "X-Two");
    assertThat(request.headers("x-two")).containsExactly("a", "b");
    assertThat(request.body()).isNull();
  }

  @Test
  void aBodyTakesTheContentTypeOfTheHeaders() throws Exception {
    Request request =
        new OkHttpRequests()
            .toOkHttp(
                new HttpTransport.Request(
                    "POST",
                    SIGNINGS,
                    Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                    Optional.of("{}".getBytes(UTF_8)),
                    Duration.ofSeconds(5)));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body().contentType().toString())
        .isEqualTo("application/json; charset=utf-8");
    assertThat(request.body().contentLength()).isEqualTo(2);
  }

  @Test
  void theSameUriAndHeaderMapAreConvertedOnceAndOthersAfresh() {
    OkHttpRequests requests = new OkHttpRequests();
    Map<String, List<String>> first = Map.of("Authorization", List.of("Bearer one"));
    Map<String, List<String>> second = Map.of("Authorization", List.of("Bearer two"));

    Request a = requests.toOkHttp(get(ME, first));
    Request b = requests.toOkHttp(get(ME, first));
    Request c = requests.toOkHttp(get(SIGNINGS, second));
    Request d = requests.toOkHttp(get(URI.create(ME.toString()), first));

    assertThat(b.url()).isSameAs(a.url());
    assertThat(b.headers()).isEqualTo(a.headers());
    assertThat(c.url().toString()).isEqualTo(SIGNINGS.toString());
    assertThat(c.header("Authorization")).isEqualTo("Bearer two");
    assertThat(d.url()).isEqualTo(a.url());
    assertThat(d.header("Authorization")).isEqualTo("Bearer one");
  }
}
