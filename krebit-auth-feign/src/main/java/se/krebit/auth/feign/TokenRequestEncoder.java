package se.krebit.auth.feign;

import feign.RequestTemplate;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Feign's hook for the request body: turns a {@link TokenRequest} into the body and {@code
 * Content-Type} of one {@link RequestFormat}. Stateless and thread-safe.
 */
abstract class TokenRequestEncoder implements Encoder {
  static final String CONTENT_TYPE = "Content-Type";

  /** The encoder for {@code format}. */
  static TokenRequestEncoder forFormat(RequestFormat format) {
    return switch (format) {
      case JSON -> new JsonTokenRequestEncoder();
      case FORM -> new FormTokenRequestEncoder();
    };
  }

  @Override
  public final void encode(Object object, Type bodyType, RequestTemplate template) {
    if (!(object instanceof TokenRequest request)) {
      throw new EncodeException("the token endpoint only sends token requests");
    }
    template.header(CONTENT_TYPE, contentType());
    writeBody(TokenParameters.of(request.client(), request.grant()), template);
  }

  /** The media type of the body, as sent in {@code Content-Type}. */
  abstract String contentType();

  /** Serializes the ordered parameters into the template's body. */
  abstract void writeBody(Map<String, String> parameters, RequestTemplate template);
}
