package se.krebit.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.krebit.http.UnusableResponse;

/** The liberal reading of {@code /me} bodies, token by token, reason by reason. */
class MeDeserializerTest {
  private static Me read(String json) throws IOException {
    return ApiJson.MAPPER
        .readerFor(MeResponse.class)
        .<MeResponse>readValue(json.getBytes(UTF_8))
        .me();
  }

  private static String reason(String json) {
    Throwable failure = catchThrowable(() -> read(json));
    assertThat(failure).isInstanceOf(UnusableResponse.class);
    return ((UnusableResponse) failure).reason();
  }

  @Test
  void readsTheDataWrappedIdentityWithEveryMember() throws IOException {
    Me me =
        read(
            "{\"meta\":{\"x\":[1,{\"y\":null}]},\"data\":{\"id\":\"u-1\",\"name\":\"Ada\","
                + "\"email\":\"ada@example.com\",\"extra\":{\"id\":7},"
                + "\"organization\":{\"id\":\"o-1\",\"name\":\"Acme\",\"more\":[]},"
                + "\"roles\":[\"admin\",{\"name\":\"signer\"},\" \",3,null,[\"x\"],{\"id\":1},\"admin\"]}}");

    assertThat(me)
        .isEqualTo(
            new Me(
                "u-1",
                Optional.of("Ada"),
                Optional.of("ada@example.com"),
                Optional.of(new Me.Organization("o-1", Optional.of("Acme"))),
                List.of("admin", "signer", "admin")));
  }

  @Test
  void readsABareIdentityAndPrefersItsOwnIdOverData() throws IOException {
    assertThat(read("{\"id\":\"top\",\"data\":{\"id\":\"inner\"}}").id()).isEqualTo("top");
    assertThat(read("{\"id\":42}").id()).isEqualTo("42");
    assertThat(read("{\"id\":123456789012345678901234567890}").id())
        .isEqualTo("123456789012345678901234567890");
    assertThat(read("{\"data\":[1],\"id\":\"x\"}").id()).isEqualTo("x");
  }

  @Test
  void absentMembersAreEmptyAndLaterDuplicatesWin() throws IOException {
    Me me =
        read(
            "{\"data\":{\"id\":\"a\",\"id\":\"b\",\"name\":null,\"organization\":null,\"roles\":\"x\"}}");

    assertThat(me)
        .isEqualTo(new Me("b", Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\":\"i\",\"name\":1.50}|1.5",
        "{\"id\":\"i\",\"name\":-0}|0",
        "{\"id\":\"i\",\"name\":true}|true",
        "{\"id\":\"i\",\"name\":\"\"}|''",
      })
  void scalarsReadAsTheirText(String json, String name) throws IOException {
    assertThat(read(json).name()).contains(name);
  }

  @Test
  void nonScalarNamesAreAbsent() throws IOException {
    assertThat(read("{\"id\":\"i\",\"name\":{\"a\":1},\"email\":[\"e\"]}"))
        .satisfies(me -> assertThat(me.name()).isEmpty())
        .satisfies(me -> assertThat(me.email()).isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|the identity has no id",
        "{\"id\":\" \"}|the identity has no id",
        "{\"id\":1.5}|the identity has no id",
        "{\"id\":null,\"data\":{\"id\":\"x\"}}|the identity has no id",
        "{\"data\":{\"name\":\"n\"}}|the identity has no id",
        "{\"id\":\"i\",\"organization\":\"o\"}|the identity's organization is not a JSON object",
        "{\"id\":\"i\",\"organization\":{\"name\":\"o\"}}|the organization has no id",
        "[{\"id\":\"i\"}]|the body is not a identity: not a JSON object",
        "\"i\"|the body is not a identity: not a JSON object",
      })
  void unusableBodiesSayWhatIsMissing(String json, String reason) {
    assertThat(reason(json)).isEqualTo(reason);
  }

  @Test
  void theIdentitysIdIsJudgedBeforeItsOrganization() {
    assertThat(reason("{\"organization\":3}")).isEqualTo("the identity has no id");
  }

  @Test
  void aMalformedBodyFailsAsMalformedJsonNotAsUnusable() {
    assertThat(catchThrowable(() -> read("{\"name\":\"n\",\"roles\":[1,}")))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(catchThrowable(() -> read("[1,}"))).isInstanceOf(JsonProcessingException.class);
  }
}
