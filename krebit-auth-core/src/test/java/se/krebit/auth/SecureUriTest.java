package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "https, or http to loopback only", written once: every setting in core gets the same error. */
class SecureUriTest {
  private static final String RULE =
      " must use https; plain http is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1)";

  @ParameterizedTest
  @ValueSource(strings = {"http://acme.example/", "http://10.0.0.7/", "http://localhost.attacker.example/"})
  void everyCallerRefusesPlainHttpElsewhereWithTheSameError(String text) {
    URI remote = URI.create(text);

    assertThatThrownBy(() -> Tenant.at(remote))
        .isInstanceOf(KrebitConfigurationException.class).hasMessage("tenant base URI" + RULE);
    assertThatThrownBy(() -> Tenant.organization("acme").withTokenEndpoint(remote.resolve("/token")))
        .isInstanceOf(KrebitConfigurationException.class).hasMessage("tokenEndpoint" + RULE);
    assertThatThrownBy(() -> Tenant.organization("acme").withAuthorizationEndpoint(remote.resolve("/authorize")))
        .isInstanceOf(KrebitConfigurationException.class).hasMessage("authorizationEndpoint" + RULE);
    assertThatThrownBy(() -> AuthorizationCodeFlow.builder().redirectUri(remote.resolve("/cb?x=1")))
        .isInstanceOf(KrebitConfigurationException.class).hasMessage("redirect URI" + RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/", "http://127.0.0.1/", "http://127.1.2.3/", "http://[::1]:9/", "https://acme.example/"})
  void httpsAndLoopbackHttpPass(String text) {
    URI uri = URI.create(text);

    assertThat(SecureUri.require("setting", uri)).isSameAs(uri);
    assertThat(Tenant.at(uri).baseUri().getHost()).isEqualTo(uri.getHost());
  }

  @Test
  void namesAreNeverResolvedAndPartsAreNeverQuoted() {
    assertThat(SecureUri.isLoopback(URI.create("http://127.0.0.1.nip.io/"))).isFalse();
    assertThatThrownBy(() -> SecureUri.require("setting", URI.create("https://user:secret@acme.example/")))
        .hasMessage("setting must not carry user info, a query or a fragment");
    assertThatThrownBy(() -> SecureUri.require("setting", URI.create("ftp://secret.example/")))
        .hasMessage("setting must use https");
  }
}
