package se.krebit.http.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import se.krebit.http.ResponseHeaders;

/** The response-header view answers as the map it replaces did: any case, grouped, read-only. */
class HeaderMapTest {
  private static final Headers RECEIVED =
      new Headers.Builder()
          .add("Content-Type", "application/json")
          .add("request_id", "r-1")
          .add("Set-Cookie", "a=1")
          .add("set-cookie", "b=2")
          .add("X-Empty", "")
          .build();

  @Test
  void looksNamesUpInAnyCaseWithEveryValueInOrder() {
    HeaderMap map = new HeaderMap(RECEIVED);

    assertThat(map.get("content-type")).containsExactly("application/json");
    assertThat(map.get("SET-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(map.get("x-empty")).containsExactly("");
    assertThat(map.get("Retry-After")).isNull();
    assertThat(map.get(42)).isNull();
    assertThat(map.containsKey("REQUEST_ID")).isTrue();
    assertThat(map.containsKey("Retry-After")).isFalse();
    assertThat(ResponseHeaders.first(map, ResponseHeaders.REQUEST_ID)).contains("r-1");
  }

  @Test
  void iteratesTheNamesAsFirstReceivedGroupedWithoutRegardToCase() {
    Map<String, List<String>> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    expected.put("Content-Type", List.of("application/json"));
    expected.put("request_id", List.of("r-1"));
    expected.put("Set-Cookie", List.of("a=1", "b=2"));
    expected.put("X-Empty", List.of(""));

    HeaderMap map = new HeaderMap(RECEIVED);

    assertThat(map).hasSize(4).isEqualTo(expected);
    assertThat(map.keySet()).containsExactly("Content-Type", "request_id", "Set-Cookie", "X-Empty");
    assertThat(new HeaderMap(new Headers.Builder().build())).isEmpty();
  }

  @Test
  void isReadOnly() {
    HeaderMap map = new HeaderMap(RECEIVED);

    assertThat(catchThrowable(() -> map.put("X", List.of("y"))))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> map.get("Set-Cookie").add("c=3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> map.entrySet().iterator().next().setValue(List.of())))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
