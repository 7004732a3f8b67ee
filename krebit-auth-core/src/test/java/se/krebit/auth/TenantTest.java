package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {
  @Test
  void anOrganizationLivesUnderKrebitSe() {
    Tenant acme = Tenant.organization("acme-2");

    assertThat(acme.id()).isEqualTo("acme-2");
    assertThat(acme.baseUri()).isEqualTo(URI.create("https://acme-2.krebit.se/"));
    assertThat(acme.tokenEndpoint()).isEqualTo(URI.create("https://acme-2.krebit.se/oauth/token"));
    assertThat(acme.authorizationEndpoint())
        .isEqualTo(URI.create("https://acme-2.krebit.se/oauth/authorize"));
    assertThat(acme.apiBase()).isEqualTo(URI.create("https://acme-2.krebit.se/api/1.0/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-acme",
        "acme-",
        "ac.me",
        "ac/me",
        "a@b",
        "ACME",
        "åland",
        "acme corp",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void anOrganizationMustBeALowerCaseDnsLabel(String organization) {
    assertThatThrownBy(() -> Tenant.organization(organization))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("DNS label");
  }

  @Test
  void sixtyThreeCharactersIsTheLongestLabel() {
    String longest = "a".repeat(63);
    assertThat(Tenant.organization(longest).id()).isEqualTo(longest);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8089",
        "http://localhost:1/",
        "http://[::1]:8080",
        "http://127.8.9.10"
      })
  void plainHttpIsAcceptedForLoopbackHosts(String uri) {
    assertThat(Tenant.at(URI.create(uri)).baseUri().getScheme()).isEqualTo("http");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://acme.krebit.se",
        "http://10.0.0.1",
        "http://localhost.evil.example",
        "ftp://localhost"
      })
  void plainHttpToAnyOtherHostIsRefused(String uri) {
    assertThatThrownBy(() -> Tenant.at(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:pw@acme.example",
        "https://acme.example/?x=1",
        "https://acme.example/#f",
        "/relative"
      })
  void aBaseUriCarriesNoCredentialsQueryOrFragment(String uri) {
    assertThatThrownBy(() -> Tenant.at(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageNotContaining("pw");
  }

  @Test
  void aProxyPathPrefixIsKept() {
    Tenant proxied = Tenant.at(URI.create("https://proxy.example/krebit"));

    assertThat(proxied.tokenEndpoint())
        .isEqualTo(URI.create("https://proxy.example/krebit/oauth/token"));
    assertThat(proxied.apiBase()).isEqualTo(URI.create("https://proxy.example/krebit/api/1.0/"));
    assertThat(proxied.id()).isEqualTo("proxy.example/krebit/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://acme.krebit.se//evil.example/x",
        "http://127.0.0.1:8089//evil.example/",
        "https://proxy.example//evil.example"
      })
  void aPathStartingWithTwoSlashesNeverBecomesTheHost(String uri) {
    Tenant tenant = Tenant.at(URI.create(uri));

    assertThat(tenant.baseUri().getHost()).isEqualTo(URI.create(uri).getHost());
    assertThat(tenant.tokenEndpoint().getHost()).isEqualTo(URI.create(uri).getHost());
    assertThat(tenant.apiBase().getHost()).isEqualTo(URI.create(uri).getHost());
    assertThat(tenant.baseUri().getScheme()).isEqualTo(URI.create(uri).getScheme());
  }

  @Test
  void parseTellsOrganizationsFromUris() {
    assertThat(Tenant.parse("acme")).isEqualTo(Tenant.organization("acme"));
    assertThat(Tenant.parse("http://127.0.0.1:9/"))
        .isEqualTo(Tenant.at(URI.create("http://127.0.0.1:9")));
    assertThatThrownBy(() -> Tenant.parse("https://bad host"))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @Test
  void theTokenEndpointDefaultsToTheFirstDocumentedPathWithTheOtherAsAlternative() {
    Tenant acme = Tenant.organization("acme");

    assertThat(acme.tokenEndpoint()).isEqualTo(URI.create("https://acme.krebit.se/oauth/token"));
    assertThat(acme.alternativeTokenEndpoint())
        .contains(URI.create("https://acme.krebit.se/api/oauth/token"));
  }

  @Test
  void aTokenPathIsPinnedUnderTheBaseUriWithoutAlternative() {
    Tenant proxied =
        Tenant.at(URI.create("https://proxy.example/krebit")).withTokenPath("/api/oauth/token");

    assertThat(proxied.tokenEndpoint())
        .isEqualTo(URI.create("https://proxy.example/krebit/api/oauth/token"));
    assertThat(proxied.alternativeTokenEndpoint()).isEmpty();
    assertThat(Tenant.organization("acme").withTokenPath("oauth/token").alternativeTokenEndpoint())
        .as("the default path, set explicitly, is pinned too")
        .isEmpty();
    assertThat(proxied.id())
        .as("the token path is no part of the tenant's identity")
        .isEqualTo("proxy.example/krebit/");
    assertThat(proxied).isNotEqualTo(Tenant.at(URI.create("https://proxy.example/krebit")));
    assertThat(proxied.toString())
        .contains("token endpoint https://proxy.example/krebit/api/oauth/token");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "//evil.example/token",
        "/oauth/../token",
        "./token",
        "/oauth/token?x=1",
        "/oauth/token#f",
        "/oauth//token",
        "/oauth/token/",
        "/o auth",
        "/oauth/%zz",
        "http://evil.example/token"
      })
  void aTokenPathIsPathSegmentsOnly(String path) {
    assertThatThrownBy(() -> Tenant.organization("acme").withTokenPath(path))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("tokenPath must be a path such as /api/oauth/token");
  }

  @Test
  void explicitEndpointsMayBeAnywhereSecure() {
    Tenant keycloak =
        Tenant.at(URI.create("https://sso.example/"))
            .withTokenEndpoint(
                URI.create("https://sso.example/realms/x/protocol/openid-connect/token"))
            .withAuthorizationEndpoint(
                URI.create("https://sso.example/realms/x/protocol/openid-connect/auth"));

    assertThat(keycloak.tokenEndpoint().getPath())
        .isEqualTo("/realms/x/protocol/openid-connect/token");
    assertThat(keycloak.authorizationEndpoint().getPath())
        .isEqualTo("/realms/x/protocol/openid-connect/auth");
    assertThat(keycloak.alternativeTokenEndpoint()).isEmpty();
    assertThat(keycloak.apiBase()).isEqualTo(URI.create("https://sso.example/api/1.0/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://sso.example/token",
        "https://user:pw@sso.example/token",
        "https://sso.example/token?x=1",
        "/relative/token",
        "ftp://127.0.0.1/token"
      })
  void explicitEndpointsMustBeSecureAbsoluteUrls(String uri) {
    assertThatThrownBy(() -> Tenant.organization("acme").withTokenEndpoint(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("tokenEndpoint must")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> Tenant.organization("acme").withAuthorizationEndpoint(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("authorizationEndpoint must");
  }
}
