package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ClientSecret;

class RegisteredAppTest {
  @Test
  void keepsRolesSortedAndNeverPrintsTheSecret() {
    RegisteredApp app = RegisteredApp.of("demo-client", "s3cr3t-value", "writer", "reader", "writer");

    assertThat(app.roles()).containsExactly("reader", "writer");
    assertThat(app.toString()).contains("demo-client").doesNotContain("s3cr3t-value");
    assertThat(app.credentials().clientId()).isEqualTo("demo-client");
    assertThat(app.credentials().secret().reveal()).isEqualTo("s3cr3t-value");
  }

  @Test
  void refusesMalformedIdsAndRoles() {
    ClientSecret secret = ClientSecret.of("x");
    assertThatThrownBy(() -> new RegisteredApp(" ", secret, Set.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisteredApp("a:b", secret, Set.of())).hasMessageContaining("':'");
    assertThatThrownBy(() -> new RegisteredApp("a\nb", secret, Set.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisteredApp("a", secret, Set.of(" "))).hasMessageContaining("roles");
  }
}
