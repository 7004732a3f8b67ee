package se.krebit.auth.feign;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.RequestTemplate;
import feign.codec.Encoder;
import feign.jackson.JacksonEncoder;
import java.util.Map;

/** The Krebit body: one flat JSON object of string members, in the guide's order. */
final class JsonTokenRequestEncoder extends TokenRequestEncoder {
  static final String MEDIA_TYPE = "application/json";

  private final JacksonEncoder jackson = new JacksonEncoder(new ObjectMapper());

  JsonTokenRequestEncoder(ClientAuthentication authentication) {
    super(authentication);
  }

  @Override
  String contentType() {
    return MEDIA_TYPE;
  }

  @Override
  void writeBody(Map<String, String> parameters, RequestTemplate template) {
    jackson.encode(parameters, Encoder.MAP_STRING_WILDCARD, template);
  }
}
