package se.krebit.auth.feign;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import feign.RequestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RFC 6749 body: {@code application/x-www-form-urlencoded} in UTF-8 (Appendix B). */
final class FormTokenRequestEncoder extends TokenRequestEncoder {
  static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

  FormTokenRequestEncoder(ClientAuthentication authentication) {
    super(authentication);
  }

  @Override
  String contentType() {
    return MEDIA_TYPE;
  }

  @Override
  void writeBody(Map<String, String> parameters, RequestTemplate template) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    parameters.forEach((name, value) -> multi.put(name, List.of(value)));
    byte[] body = URLUtils.serializeParameters(multi).getBytes(StandardCharsets.UTF_8);
    template.body(body, StandardCharsets.UTF_8);
  }
}
