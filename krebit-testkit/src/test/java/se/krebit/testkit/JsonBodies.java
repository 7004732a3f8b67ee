package se.krebit.testkit;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads the JSON bodies of the fake's responses in tests. */
final class JsonBodies {
  private JsonBodies() {}

  static Map<String, Object> json(HttpResponse<String> response) {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + response.body(), e);
    }
  }
}
