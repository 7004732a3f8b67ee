package se.krebit.testkit;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads the JSON bodies of the fake's responses in tests. */
final class JsonBodies {
  private JsonBodies() {}

  /**
   * The {@code data} member of a JSON body, as {@code /me} and single resources wrap their object.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> data(HttpResponse<String> response) {
    Object data = json(response).get("data");
    if (!(data instanceof Map<?, ?>)) {
      throw new AssertionError("no data object: " + response.body());
    }
    return (Map<String, Object>) data;
  }

  static Map<String, Object> json(HttpResponse<String> response) {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + response.body(), e);
    }
  }
}
