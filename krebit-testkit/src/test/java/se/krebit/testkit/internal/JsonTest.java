package se.krebit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesInOrderAndEscapes() throws Exception {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("token_type", "Bearer");
    object.put("expires_in", 3600L);
    object.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
    object.put("roles", List.of("a", "b"));
    object.put("nested", Map.of("ok", true));

    String json = Json.write(object);

    assertThat(json).startsWith("{\"token_type\":\"Bearer\",\"expires_in\":3600,");
    assertThat(JSONObjectUtils.parse(json))
        .containsEntry("text", object.get("text"))
        .containsEntry("roles", List.of("a", "b"));
  }

  @Test
  void writesNullAsVaultsEmptyFieldsAre() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("lease_id", "");
    object.put("wrap_info", null);

    assertThat(Json.write(object)).isEqualTo("{\"lease_id\":\"\",\"wrap_info\":null}");
  }

  @Test
  void parsesObjectsOnlyAndAnEmptyBodyAsAnEmptyObject() {
    assertThat(Json.parseObject("{\"a\":\"b\"}")).contains(Map.of("a", "b"));
    assertThat(Json.parseObject(" ")).contains(Map.of());
    assertThat(Json.parseObject("[1]")).isEmpty();
    assertThat(Json.parseObject("{")).isEmpty();
  }
}
