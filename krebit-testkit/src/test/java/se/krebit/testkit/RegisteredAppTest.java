package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ClientSecret;

class RegisteredAppTest {
  @Test
  void keepsRolesSortedAndNeverPrintsTheSecret() {
    RegisteredApp app =
        RegisteredApp.of("demo-client", "s3cr3t-value", "writer", "reader", "writer");

    assertThat(app.roles()).containsExactly("reader", "writer");
    assertThat(app.toString()).contains("demo-client").doesNotContain("s3cr3t-value");
    assertThat(app.credentials().clientId()).isEqualTo("demo-client");
    assertThat(app.credentials().secret().reveal()).isEqualTo("s3cr3t-value");
  }

  @Test
  void registersRedirectUrisInOrderAsExactStrings() {
    RegisteredApp app =
        RegisteredApp.of("demo-client", "x")
            .withRedirectUris("https://app.example/cb", "http://127.0.0.1:9999/cb?x=1")
            .withRedirectUris("https://app.example/cb", "com.example.app:/oauth");

    assertThat(app.redirectUris())
        .containsExactly(
            "https://app.example/cb", "http://127.0.0.1:9999/cb?x=1", "com.example.app:/oauth");
    assertThat(RegisteredApp.of("a", "b").redirectUris()).isEmpty();
    assertThat(app.toString()).contains("https://app.example/cb");
  }

  @Test
  void refusesRelativeRedirectUrisAndFragments() {
    RegisteredApp app = RegisteredApp.of("demo-client", "x");
    assertThatThrownBy(() -> app.withRedirectUris("/cb")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> app.withRedirectUris("https://app.example/cb#x"))
        .hasMessageContaining("fragment");
    assertThatThrownBy(() -> app.withRedirectUris("https://app.example/cb#"))
        .hasMessageContaining("fragment");
    assertThatThrownBy(() -> app.withRedirectUris("https://app example/cb"))
        .hasMessageContaining("malformed");
  }

  @Test
  void refusesMalformedIdsAndRoles() {
    ClientSecret secret = ClientSecret.of("x");
    assertThatThrownBy(() -> new RegisteredApp(" ", secret, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisteredApp("a:b", secret, Set.of()))
        .hasMessageContaining("':'");
    assertThatThrownBy(() -> new RegisteredApp("a\nb", secret, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisteredApp("a", secret, Set.of(" ")))
        .hasMessageContaining("roles");
  }
}
