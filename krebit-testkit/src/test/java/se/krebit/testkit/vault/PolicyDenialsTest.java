package se.krebit.testkit.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyDenialsTest {
  @Test
  void patternsMatchAsVaultPolicyPathsDo() {
    assertThat(PolicyDenials.matches("secret/data/krebit/*", "secret/data/krebit/tokens/a/b/c"))
        .isTrue();
    assertThat(PolicyDenials.matches("secret/data/krebit/*", "secret/data/krebit")).isFalse();
    assertThat(PolicyDenials.matches("secret/data/kre*", "secret/data/krebit/x")).isTrue();
    assertThat(PolicyDenials.matches("secret/+/krebit/x", "secret/metadata/krebit/x")).isTrue();
    assertThat(PolicyDenials.matches("secret/+/krebit/x", "secret/metadata/krebit/x/y")).isFalse();
    assertThat(PolicyDenials.matches("transit/encrypt/key", "transit/encrypt/key")).isTrue();
    assertThat(PolicyDenials.matches("transit/encrypt/key", "transit/encrypt/key2")).isFalse();
  }

  @Test
  void onlyTheDeniedCapabilityIsDenied() {
    PolicyDenials denials = new PolicyDenials();
    denials.deny("secret/data/*", Set.of("update"));

    assertThat(denials.denies("secret/data/x", "update")).isTrue();
    assertThat(denials.denies("secret/data/x", "create")).isFalse();
    assertThat(denials.denies("secret/metadata/x", "update")).isFalse();
    denials.clear();
    assertThat(denials.denies("secret/data/x", "update")).isFalse();
  }

  @Test
  void unknownCapabilitiesAreRefused() {
    assertThatThrownBy(() -> new PolicyDenials().deny("x/*", Set.of("write")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("write");
  }
}
