package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToPolicyTest {
  private final ReturnToPolicy policy =
      new ReturnToPolicy(Set.of(URI.create("https://app.example")));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/orders/7",
        "/search?q=a%20b&page=2",
        "/a/b#section",
        "/caf%C3%A9",
        "https://app.example/orders",
        "https://APP.example:443/x",
        "https://app.example"
      })
  void pathsAndAllowListedOriginsAreAccepted(String returnTo) {
    assertThat(policy.check(returnTo)).isEqualTo(returnTo);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/%2F%2Fevil.example",
        "/%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "javascript:alert(1)",
        "https://app.example.evil.example/",
        "https://app.example@evil.example/",
        "http://app.example/",
        "https://app.example:8443/",
        "orders/7",
        "data:text/html,hi",
        " /orders",
        "/orders\n",
        "///evil.example",
        "https:evil.example"
      })
  void anythingThatCouldLeadOffSiteIsRefused(String returnTo) {
    assertThatThrownBy(() -> policy.check(returnTo)).isInstanceOf(InvalidReturnToException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {2049, 100_000})
  void overlongTargetsAreRefused(int length) {
    assertThatThrownBy(() -> policy.check("/" + "a".repeat(length)))
        .isInstanceOf(InvalidReturnToException.class);
  }
}
