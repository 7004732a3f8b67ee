package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.krebit.testkit.TokenRequestParams.BasicCredentials;

/**
 * Reads a token request in either body format Krebit's clients use: JSON, as the Krebit guide
 * shows, or {@code application/x-www-form-urlencoded}, as RFC 6749 specifies; plus an optional
 * {@code Authorization: Basic} header. Anything else is an {@code invalid_request}.
 */
final class TokenRequestParser {
  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";

  private TokenRequestParser() {}

  /**
   * @throws OAuthProblem if the request is malformed
   */
  static TokenRequestParams parse(Request request) {
    String contentType =
        mediaType(request.contentTypeHeader())
            .orElseThrow(() -> unsupported("no Content-Type").problem());
    String body = new String(request.getBody(), UTF_8);
    Map<String, String> parameters =
        switch (contentType) {
          case JSON -> parseJson(body);
          case FORM -> parseForm(body);
          default -> throw unsupported("Content-Type " + contentType).problem();
        };
    return new TokenRequestParams(
        contentType, parameters, basic(request.getHeaders().getHeader("Authorization")));
  }

  /**
   * The request as far as it parses, for the journal of a request that is not answered normally.
   */
  static Optional<TokenRequestParams> tryParse(Request request) {
    try {
      return Optional.of(parse(request));
    } catch (OAuthProblem e) {
      return Optional.empty();
    }
  }

  static Optional<String> mediaType(ContentTypeHeader header) {
    if (!header.isPresent() || header.mimeTypePart() == null) {
      return Optional.empty();
    }
    return Optional.of(header.mimeTypePart().trim().toLowerCase(Locale.ROOT));
  }

  private static Map<String, String> parseJson(String body) {
    Map<String, Object> object;
    try {
      object = JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      throw OAuthError.invalidRequest("The request body is not a JSON object").problem();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    object.forEach(
        (name, value) -> {
          if (!(value instanceof String text)) {
            throw OAuthError.invalidRequest("The member '" + name + "' must be a JSON string")
                .problem();
          }
          if (!text.isEmpty()) {
            parameters.put(name, text);
          }
        });
    return parameters;
  }

  private static Map<String, String> parseForm(String body) {
    UrlParameters form;
    try {
      form = UrlParameters.parse(body);
    } catch (IllegalArgumentException e) {
      // WireMock's Jetty refuses most undecodable form bodies with its own 500 before the fake sees
      // them; this answers the rest as RFC 6749 asks.
      throw OAuthError.invalidRequest("The form body is not properly URL-encoded").problem();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String name : form.names()) {
      if (form.isRepeated(name)) {
        throw OAuthError.invalidRequest("The parameter '" + name + "' is repeated").problem();
      }
      form.first(name).ifPresent(value -> parameters.put(name, value));
    }
    return parameters;
  }

  private static Optional<BasicCredentials> basic(HttpHeader authorization) {
    if (!authorization.isPresent()) {
      return Optional.empty();
    }
    List<String> values = authorization.values();
    if (values.size() != 1) {
      throw OAuthError.invalidRequest("The Authorization header is repeated").problem();
    }
    String value = values.get(0);
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw OAuthError.invalidClient("Client authentication supports only the Basic scheme")
          .problem();
    }
    try {
      ClientSecretBasic basic = ClientSecretBasic.parse("Basic " + value.substring(6).trim());
      return Optional.of(
          new BasicCredentials(basic.getClientID().getValue(), basic.getClientSecret().getValue()));
    } catch (ParseException e) {
      throw OAuthError.invalidClient("The Basic credentials are malformed").problem();
    }
  }

  private static OAuthError unsupported(String what) {
    return OAuthError.invalidRequest(
        what + ": send the parameters as " + JSON + " (as the Krebit guide shows) or " + FORM);
  }
}
