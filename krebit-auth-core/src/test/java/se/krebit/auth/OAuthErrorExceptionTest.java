package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OAuthErrorExceptionTest {
  @Test
  void theGuidesErrorsHaveTheirOwnTypesAndHints() {
    assertThat(OAuthErrorException.of("invalid_client", null, 401, "r1"))
        .isInstanceOf(InvalidClientException.class)
        .hasMessageContaining("client_id, the client_secret and the tenant domain belong together")
        .hasMessageContaining("r1");
    assertThat(OAuthErrorException.of("invalid_grant", null, 400, null))
        .isInstanceOf(InvalidGrantException.class)
        .hasMessageContaining("authenticate again");
    assertThat(OAuthErrorException.of("unsupported_grant_type", null, 400, null))
        .isInstanceOf(UnsupportedGrantTypeException.class)
        .hasMessageContaining("grant_type");
  }

  @Test
  void otherErrorsKeepTheirCodeAndDescription() {
    OAuthErrorException e =
        OAuthErrorException.of("invalid_scope", "scope x is unknown", 400, "r2");

    assertThat(e.getClass()).isEqualTo(OAuthErrorException.class);
    assertThat(e.error()).isEqualTo("invalid_scope");
    assertThat(e.errorDescription()).contains("scope x is unknown");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.requestId()).contains("r2");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void serverTextCannotForgeLogLinesOrFloodThem() {
    OAuthErrorException e =
        OAuthErrorException.of("invalid_request", "line\nINFO forged" + "x".repeat(500), 400, null);

    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.errorDescription().orElseThrow()).hasSize(200);
  }
}
