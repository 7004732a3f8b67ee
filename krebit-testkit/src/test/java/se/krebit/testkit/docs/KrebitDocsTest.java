package se.krebit.testkit.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.krebit.testkit.SharedCopies;

class KrebitDocsTest {

  @Test
  void findsTheUserExampleOfTheUsersGuide() {
    assertThat(KrebitDocs.parsedJsonExamples("users.txt"))
        .singleElement()
        .satisfies(
            example -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> data = (Map<String, Object>) example.get("data");
              assertThat(data)
                  .containsEntry("id", "8b1c2f33-5a4d-4a3e-8e2f-93d1a5cdb081")
                  .containsEntry("name", "Alex Integrator")
                  .containsEntry("email", "alex@example.com");
              assertThat(data.get("organization"))
                  .isEqualTo(
                      Map.of("id", "4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5", "name", "YourCo"));
            });
  }

  @Test
  void findsTheTokenRequestAndResponseOfTheAuthenticationGuide() {
    assertThat(KrebitDocs.parsedJsonExamples("authentication-v1.txt"))
        .contains(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                "YOUR_CLIENT_ID",
                "client_secret",
                "YOUR_CLIENT_SECRET"),
            Map.of("token_type", "Bearer", "expires_in", 3600L, "access_token", "eyJhbGciOi..."));
  }

  @Test
  void findsTheDraftSigningOfTheQuickstartButNotTheShellEscapedTokenRequest() {
    assertThat(KrebitDocs.parsedJsonExamples("quickstart-signing.txt"))
        .containsExactly(
            Map.of(
                "name",
                "Demo agreement",
                "language",
                "EN",
                "signing_order",
                "sequential",
                "message",
                "Please sign by Friday."));
  }

  @Test
  void keepsAnExampleExactlyAsWritten() {
    assertThat(KrebitDocs.jsonExamples("users.txt").get(0)).startsWith("{\n\"data\": {\n\"id\": ");
  }

  @Test
  void refusesAPageThatWasNeverSaved() {
    assertThatThrownBy(() -> KrebitDocs.page("../pom.xml"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The pages in the jar are the project's shared copy, byte for byte. The shared copy sits beside
   * the repository ({@code ../shared/krebit-docs}); {@code .ci/run} makes the same comparison.
   */
  @Test
  void theSavedPagesAreTheSharedCopyWhereThatIsPresent() throws IOException {
    SharedCopies.assertSavedAsShared(
        "krebit-docs", KrebitDocs.PAGES, page -> KrebitDocs.page(page).getBytes(UTF_8));
  }
}
