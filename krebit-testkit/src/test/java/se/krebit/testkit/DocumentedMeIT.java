package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.JsonBodies.json;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.docs.KrebitDocs;

/**
 * {@code GET /api/1.0/me} as Krebit's users guide shows it. The example is read from the saved
 * page, so a change there fails this test: for the user of the example, in the example's
 * organization, the fake's body is the example byte for byte.
 */
class DocumentedMeIT {
  private static final String EXAMPLE = KrebitDocs.jsonExamples("users.txt").get(0);
  private static final Map<String, Object> USER =
      member(KrebitDocs.parsedJsonExamples("users.txt").get(0), "data");
  private static final Map<String, Object> ORGANIZATION = member(USER, "organization");

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app(UserFlow.CLIENT, UserFlow.SECRET, "reader")
          .redirectUri(UserFlow.CLIENT, UserFlow.REDIRECT)
          .organization((String) ORGANIZATION.get("id"), (String) ORGANIZATION.get("name"))
          .userProfile(
              (String) USER.get("id"), (String) USER.get("name"), (String) USER.get("email"))
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @Test
  void theUsersBodyIsTheUsersGuideExampleByteForByte() {
    server.consent().approveAs((String) USER.get("id"));

    HttpResponse<String> me = flow.me(flow.signIn().accessToken());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(me.headers().firstValue("request_id")).isPresent();
    assertThat(me.body()).isEqualTo(EXAMPLE);
  }

  @Test
  void anAppOnlyTokenIsAServiceAccountOfTheSameShapeWithoutEmail() {
    HttpResponse<String> me = flow.me(server.issueToken(UserFlow.CLIENT).value());

    assertThat(json(me)).containsOnlyKeys("data");
    assertThat(data(me))
        .containsEntry("id", "app_" + UserFlow.CLIENT)
        .containsEntry("name", UserFlow.CLIENT)
        .containsEntry("organization", ORGANIZATION)
        .doesNotContainKey("email");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(Map<String, Object> object, String name) {
    return (Map<String, Object>) object.get(name);
  }
}
