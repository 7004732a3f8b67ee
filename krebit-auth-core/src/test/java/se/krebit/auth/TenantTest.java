package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TenantTest {
  @Test
  void anOrganizationLivesUnderKrebitSe() {
    Tenant acme = Tenant.organization("acme-2");

    assertThat(acme.id()).isEqualTo("acme-2");
    assertThat(acme.baseUri()).isEqualTo(URI.create("https://acme-2.krebit.se/"));
    assertThat(acme.tokenEndpoint()).isEqualTo(URI.create("https://acme-2.krebit.se/oauth/token"));
    assertThat(acme.authorizationEndpoint()).isEqualTo(URI.create("https://acme-2.krebit.se/oauth/authorize"));
    assertThat(acme.apiBase()).isEqualTo(URI.create("https://acme-2.krebit.se/api/1.0/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-acme", "acme-", "ac.me", "ac/me", "a@b", "ACME", "åland", "acme corp",
      "a234567890123456789012345678901234567890123456789012345678901234"})
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
  @ValueSource(strings = {"http://127.0.0.1:8089", "http://localhost:1/", "http://[::1]:8080", "http://127.8.9.10"})
  void plainHttpIsAcceptedForLoopbackHosts(String uri) {
    assertThat(Tenant.at(URI.create(uri)).baseUri().getScheme()).isEqualTo("http");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://acme.krebit.se", "http://10.0.0.1", "http://localhost.evil.example", "ftp://localhost"})
  void plainHttpToAnyOtherHostIsRefused(String uri) {
    assertThatThrownBy(() -> Tenant.at(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://user:pw@acme.example", "https://acme.example/?x=1", "https://acme.example/#f", "/relative"})
  void aBaseUriCarriesNoCredentialsQueryOrFragment(String uri) {
    assertThatThrownBy(() -> Tenant.at(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageNotContaining("pw");
  }

  @Test
  void aProxyPathPrefixIsKept() {
    Tenant proxied = Tenant.at(URI.create("https://proxy.example/krebit"));

    assertThat(proxied.tokenEndpoint()).isEqualTo(URI.create("https://proxy.example/krebit/oauth/token"));
    assertThat(proxied.apiBase()).isEqualTo(URI.create("https://proxy.example/krebit/api/1.0/"));
    assertThat(proxied.id()).isEqualTo("proxy.example/krebit/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://acme.krebit.se//evil.example/x", "http://127.0.0.1:8089//evil.example/",
      "https://proxy.example//evil.example"})
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
    assertThat(Tenant.parse("http://127.0.0.1:9/")).isEqualTo(Tenant.at(URI.create("http://127.0.0.1:9")));
    assertThatThrownBy(() -> Tenant.parse("https://bad host")).isInstanceOf(KrebitConfigurationException.class);
  }
}
