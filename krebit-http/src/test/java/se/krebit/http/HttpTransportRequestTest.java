package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

  private static HttpTransport.Request request(Map<String, List<String>> headers) {
    return new HttpTransport.Request("GET", URI_, headers, Optional.empty(), Duration.ofSeconds(1));
  }
}
