package se.krebit.auth.feign;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import feign.RequestTemplate;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import java.lang.reflect.Type;
import java.util.Map;
import se.krebit.auth.ClientCredentials;

/**
 * Feign's hook for the request body: turns a {@link TokenRequest} into the body and {@code
 * Content-Type} of one {@link RequestFormat}, the client authenticated as one {@link
 * ClientAuthentication} says. Stateless and thread-safe.
 */
abstract class TokenRequestEncoder implements Encoder {
  static final String CONTENT_TYPE = "Content-Type";
  static final String AUTHORIZATION = "Authorization";

  private final ClientAuthentication authentication;

  TokenRequestEncoder(ClientAuthentication authentication) {
    this.authentication = authentication;
  }

  /** The encoder for {@code format}, authenticating the client in the body. */
  static TokenRequestEncoder forFormat(RequestFormat format) {
    return forFormat(format, ClientAuthentication.BODY);
  }

  /** The encoder for {@code format}, authenticating the client as {@code authentication} says. */
  static TokenRequestEncoder forFormat(RequestFormat format, ClientAuthentication authentication) {
    return switch (format) {
      case JSON -> new JsonTokenRequestEncoder(authentication);
      case FORM -> new FormTokenRequestEncoder(authentication);
    };
  }

  @Override
  public final void encode(Object object, Type bodyType, RequestTemplate template) {
    if (!(object instanceof TokenRequest request)) {
      throw new EncodeException("the token endpoint only sends token requests");
    }
    template.header(CONTENT_TYPE, contentType());
    boolean basic = authentication == ClientAuthentication.BASIC;
    if (basic) {
      template.header(AUTHORIZATION, basicAuthorization(request.client()));
    }
    writeBody(TokenParameters.of(request.client(), request.grant(), !basic), template);
  }

  /**
   * {@code Basic base64(formEncode(id) ":" formEncode(secret))}, as RFC 6749 §2.3.1 asks: Nimbus
   * form-encodes both (so a colon in the id can't split it) before Base64.
   */
  private static String basicAuthorization(ClientCredentials client) {
    return new ClientSecretBasic(
            new ClientID(client.clientId()), new Secret(client.secret().reveal()))
        .toHTTPAuthorizationHeader();
  }

  /** The media type of the body, as sent in {@code Content-Type}. */
  abstract String contentType();

  /** Serializes the ordered parameters into the template's body. */
  abstract void writeBody(Map<String, String> parameters, RequestTemplate template);
}
