package se.krebit.http;

import feign.Request;
import feign.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Feign responses to a GET of {@code /api/1.0/me}, as the token endpoint and API client get them.
 */
final class FeignResponses {
  private FeignResponses() {}

  static Response response(
      int status,
      Map<String, List<String>> headers,
      InputStream body,
      @Nullable Integer declaredLength) {
    Request request =
        Request.create(
            Request.HttpMethod.GET,
            "https://acme.krebit.se/api/1.0/me",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);
    return Response.builder()
        .status(status)
        .request(request)
        .headers(new HashMap<>(headers))
        .body(body, declaredLength)
        .build();
  }
}
