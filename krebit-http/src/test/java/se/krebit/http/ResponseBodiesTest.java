package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The size cap holds whatever the body declares, and every byte of a body within it is read. */
class ResponseBodiesTest {
  private static final int CAP = 100_000;
  private final ResponseBodies bodies = new ResponseBodies(CAP);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 8191, 8192, 8193, 65_535, 65_536, 65_537, 99_999, CAP})
  void readsABodyWithinTheCapWhetherItsLengthIsDeclaredOrNot(int size) throws IOException {
    byte[] body = bytes(size);

    assertThat(bodies.read(response(body, size))).isEqualTo(body);
    assertThat(bodies.read(response(body, null))).isEqualTo(body);
  }

  @Test
  void readsABodyDeliveredInDribbles() throws IOException {
    byte[] body = bytes(20_000);

    assertThat(bodies.read(response(new Dribble(body), 20_000))).isEqualTo(body);
    assertThat(bodies.read(response(new Dribble(body), null))).isEqualTo(body);
  }

  @Test
  void readsABodyLongerOrShorterThanItsDeclaredLength() throws IOException {
    byte[] body = bytes(30_000);

    assertThat(bodies.read(response(body, 10))).isEqualTo(body);
    assertThat(bodies.read(response(body, 50_000))).isEqualTo(body);
  }

  @Test
  void refusesABodyDeclaredLargerThanTheCapWithoutReadingIt() {
    assertThatThrownBy(() -> bodies.read(response(new byte[0], CAP + 1)))
        .isInstanceOf(UnusableResponse.class)
        .hasMessageContaining("larger than the limit of " + CAP + " bytes");
  }

  @Test
  void refusesABodyLargerThanTheCapWhateverItDeclares() {
    byte[] body = bytes(CAP + 1);

    for (Integer declared : Arrays.asList(null, 10, CAP, -1)) {
      assertThatThrownBy(() -> bodies.read(response(body, declared)))
          .as("declared %s", declared)
          .isInstanceOf(UnusableResponse.class)
          .hasMessageContaining("larger than the limit of " + CAP + " bytes");
    }
  }

  @Test
  void readsJsonOnlyWhenTheContentTypeAllowsIt() throws IOException {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(bodies.readJson(response(json, json.length))).isEqualTo(json);
    assertThatThrownBy(() -> bodies.readJson(response(new byte[0], 0)))
        .isInstanceOf(UnusableResponse.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "Application/JSON",
        " application/json ",
        "application/problem+json",
        "application/json;charset=utf-8",
        "application/json; charset=UTF-8 ",
        "text/html",
        "application/jsonx",
        "application/json\u0000",
        "applİcation/json",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-8; q=1",
        "+json",
        ""
      })
  void checksTheMediaTypeInPlaceAsItsLowerCaseCopyWould(String contentType) {
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
    String parameters = contentType.contains(";") ? contentType.split(";", 2)[1].strip() : "";
    boolean utf8 =
        parameters.isEmpty() || parameters.toLowerCase(Locale.ROOT).equals("charset=utf-8");

    assertThat(ResponseBodies.allowsJson(contentType)).isEqualTo(json);
    assertThat(ResponseBodies.isUtf8Json(contentType)).isEqualTo(json && utf8);
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private static Response response(byte[] body, @Nullable Integer declaredLength) {
    return response(new ByteArrayInputStream(body), declaredLength);
  }

  private static Response response(InputStream body, @Nullable Integer declaredLength) {
    return FeignResponses.response(
        200, Map.of("Content-Type", List.of("application/json")), body, declaredLength);
  }

  /** A stream that hands out at most 7 bytes per read, as a slow network does. */
  private static final class Dribble extends InputStream {
    private final byte[] bytes;
    private int position;

    Dribble(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, 7), bytes.length - position);
      System.arraycopy(bytes, position, buffer, offset, n);
      position += n;
      return n;
    }
  }
}
