package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;

class VaultConnectionBuilderTest {
  private static VaultConnection.Builder at(String address) {
    return VaultConnection.builder(URI.create(address));
  }

  @Test
  void httpsAnywhereAndPlainHttpOnlyToLoopback() {
    assertThat(at("https://vault.example.com:8200").token("t").build().address())
        .hasHost("vault.example.com");
    assertThat(at("http://127.0.0.1:8200").token("t").build()).isNotNull();
    assertThat(at("http://localhost:8200").token("t").build()).isNotNull();
    assertThat(at("http://[::1]:8200").token("t").build()).isNotNull();
    for (String refused :
        new String[] {
          "http://vault.example.com:8200",
          "http://10.0.0.5:8200",
          "ftp://vault.example.com",
          "https://user:pw@vault.example.com",
          "https://vault.example.com/?x=1",
          "vault.example.com:8200"
        }) {
      assertThatThrownBy(() -> at(refused).token("t").build())
          .as(refused)
          .isInstanceOf(KrebitConfigurationException.class);
    }
  }

  @Test
  void authenticationIsRequiredAndTheLastOneGivenCounts() {
    assertThatThrownBy(() -> at("https://vault.example.com").build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("token or an AppRole");
    assertThat(at("https://vault.example.com").token("t").appRole("r", "s").build().toString())
        .contains("AppRole on auth/approle");
    assertThat(
            at("https://vault.example.com")
                .appRole("r", "s")
                .appRoleMount("ops/approle")
                .build()
                .toString())
        .contains("AppRole on auth/ops/approle");
    assertThat(at("https://vault.example.com").appRole("r", "s").token("t").build().toString())
        .endsWith(", token]");
    assertThatThrownBy(() -> at("https://vault.example.com").token(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringNeverShowsTheCredentials() {
    String text =
        at("https://vault.example.com").appRole("role-PLANTED", "secret-PLANTED").build().toString()
            + at("https://vault.example.com").token("hvs.PLANTED").build();

    assertThat(text).doesNotContain("PLANTED");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> at("https://v").connectTimeout(Duration.ZERO))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> at("https://v").requestTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @Test
  void onlyTls13And12AreEnabledWithHostNameVerification() throws Exception {
    SSLParameters parameters =
        VaultTls.httpClient(SSLContext.getDefault(), Duration.ofSeconds(1)).sslParameters();

    assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void aCaBundleWithoutCertificatesIsAConfigurationError() {
    assertThatThrownBy(() -> at("https://v").caCertificatesPem("not a certificate"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("PEM");
  }

  @Test
  void storeAndCipherSettingsAreChecked() {
    VaultConnection vault = at("https://vault.example.com").token("t").build();

    assertThatThrownBy(() -> VaultTokenStore.builder(vault).mount("../sys"))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> VaultTokenStore.builder(vault).pathPrefix("a/../b"))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> VaultTransitCipher.builder(vault).build())
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> VaultTransitCipher.builder(vault).key("a/b"))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThat(VaultTokenStore.builder(vault).mount("kv/team").pathPrefix("").build().toString())
        .contains("kv/team/data/");
  }
}
