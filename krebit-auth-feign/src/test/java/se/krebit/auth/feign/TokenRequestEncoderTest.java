package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import feign.RequestTemplate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.RefreshTokenGrant;

class TokenRequestEncoderTest {
  /** JSON and form metacharacters, a Feign template expression and non-ASCII, all at once. */
  private static final String AWKWARD_SECRET = "p&s=w+d {x} %41 \"quoted\" \\ åäö";

  private static final ClientCredentials CLIENT = ClientCredentials.of("app-1", AWKWARD_SECRET);

  @Test
  void jsonBodyCarriesAwkwardSecretsVerbatim() throws Exception {
    RequestTemplate template = encode(RequestFormat.JSON, ClientCredentialsGrant.defaultScope());

    Map<String, Object> body = json(template.body());
    assertThat(body)
        .containsExactly(
            Map.entry("grant_type", (Object) "client_credentials"),
            Map.entry("client_id", (Object) "app-1"),
            Map.entry("client_secret", (Object) AWKWARD_SECRET));
    assertThat(template.headers().get("Content-Type")).containsExactly("application/json");
  }

  @Test
  void formBodyCarriesAwkwardSecretsVerbatim() {
    RequestTemplate template = encode(RequestFormat.FORM, ClientCredentialsGrant.defaultScope());

    Map<String, List<String>> body =
        URLUtils.parseParameters(new String(template.body(), StandardCharsets.UTF_8));
    assertThat(body)
        .containsExactly(
            Map.entry("grant_type", List.of("client_credentials")),
            Map.entry("client_id", List.of("app-1")),
            Map.entry("client_secret", List.of(AWKWARD_SECRET)));
    assertThat(template.headers().get("Content-Type"))
        .containsExactly("application/x-www-form-urlencoded");
  }

  @Test
  void addsScopeSortedAndSpaceSeparated() {
    RequestTemplate template =
        encode(RequestFormat.FORM, new ClientCredentialsGrant(Set.of("write", "read", "admin")));

    assertThat(new String(template.body(), StandardCharsets.UTF_8))
        .endsWith("&scope=admin+read+write");
  }

  @Test
  void addsThePkceVerifierAfterTheCode() throws Exception {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            "the-code", URI.create("https://app.example/cb"), Optional.of("verifier-1"));

    Map<String, Object> body = json(encode(RequestFormat.JSON, grant).body());

    assertThat(body.keySet())
        .containsExactly(
            "grant_type", "client_id", "client_secret", "redirect_uri", "code", "code_verifier");
    assertThat(body.get("code_verifier")).isEqualTo("verifier-1");
  }

  @Test
  void refreshGrantCarriesTokenAndScope() throws Exception {
    RefreshTokenGrant grant = new RefreshTokenGrant(new RefreshToken("rt-1"), Set.of("read"));

    Map<String, Object> body = json(encode(RequestFormat.JSON, grant).body());

    assertThat(body.keySet())
        .containsExactly("grant_type", "client_id", "client_secret", "refresh_token", "scope");
    assertThat(body.get("refresh_token")).isEqualTo("rt-1");
  }

  private static Map<String, Object> json(byte[] body) throws Exception {
    return new ObjectMapper()
        .readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static RequestTemplate encode(RequestFormat format, se.krebit.auth.spi.Grant grant) {
    RequestTemplate template = new RequestTemplate();
    TokenRequestEncoder.forFormat(format)
        .encode(new TokenRequest(CLIENT, grant), TokenRequest.class, template);
    return template;
  }
}
