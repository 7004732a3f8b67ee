package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {
  @TempDir Path home;

  @Test
  void theDemoWalksThroughEveryFlowShowingRequestIdsAndNoCredential() {
    Cli.Run run = new Cli(home).run("demo");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    String out = run.out();
    assertThat(out)
        .contains("1. token(): the first call requests an app token")
        .contains(
            "2. 1,000,000 more token() calls are served from memory",
            "still 1 token request in total")
        .contains(
            "3. KrebitClient.me()",
            "Krebit says: app_demo-client (demo-client) of YourCo, roles [reader]")
        .contains("4. signings().create(...)", "\"Demo agreement\"")
        .containsPattern("POST /api/1.0/signings 201 request_id req_[0-9a-f]+")
        .containsPattern(
            "POST /api/1.0/signings/[0-9a-f-]{36}/documents 201 request_id req_[0-9a-f]+")
        .containsPattern("GET /api/1.0/signings 200 request_id req_[0-9a-f]+")
        .contains("1 signing(s), the draft among them")
        .contains(
            "code_challenge_method=S256", "state=…", "code_challenge=…", "/callback?code=…&state=…")
        .contains("GET /oauth/authorize 302 request_id req_")
        .contains("POST /oauth/token authorization_code 200 request_id req_")
        .contains("(the token is not in it in clear)")
        .contains("Krebit says: alice (alice, alice@example.com) of YourCo, roles [signer]")
        .contains("POST /oauth/token refresh_token 200 request_id req_")
        .contains("GET /api/1.0/me 401 request_id req_", "GET /api/1.0/me 200 request_id req_")
        .contains(
            "AuthorizationError",
            "access_denied: The user declined to grant access.",
            "isAccessDenied() = true")
        .contains(
            "InvalidClientException",
            "invalid_client: Confirm that the client_id, the client_secret and the tenant"
                + " domain belong together.")
        .contains(
            "15. The quickstart's draft is sent",
            "raises signing.sent",
            "verified: SigningSent, event evt_",
            "client demo-client",
            "delivery POST /krebit/webhooks 200 (attempt 1)")
        .contains(
            "16. The same delivery with one byte of its body changed",
            "refused: WrongSignature, wrong signature",
            "POST /krebit/webhooks 401")
        .contains("it made 1 webhook delivery attempt(s)")
        .containsPattern("\\d+ ms\\R")
        .doesNotContain("demo-secret")
        .doesNotContain("not-the-secret")
        .doesNotContain("CONTAINING THE TOKEN IN CLEAR");
    assertThat(out.lines().filter(line -> line.matches("\\d+\\. .*"))).hasSize(16);
    Matcher draft = Pattern.compile("draft ([0-9a-f-]{36}), ").matcher(out);
    assertThat(draft.find()).as("the quickstart's draft").isTrue();
    assertThat(out)
        .as("the webhook is the draft's own")
        .contains(", signing " + draft.group(1) + ", client demo-client");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void eachRefreshRotatesTheRefreshToken() {
    String out = new Cli(home).run("demo").out();

    Matcher rotation = Pattern.compile("refresh token ([0-9a-f]{8}) -> ([0-9a-f]{8})").matcher(out);
    List<String> chain = new java.util.ArrayList<>();
    while (rotation.find()) {
      assertThat(rotation.group(2)).isNotEqualTo(rotation.group(1));
      if (!chain.isEmpty()) {
        assertThat(rotation.group(1)).isEqualTo(chain.get(chain.size() - 1));
      }
      chain.add(rotation.group(2));
    }
    assertThat(chain).hasSize(3).doesNotHaveDuplicates();
  }
}
