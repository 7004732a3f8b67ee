package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.docs.KrebitDocs;

/**
 * {@link KrebitClient#me()} reads {@code /me} as Krebit documents it: the users guide's example
 * (read from the saved page), wrapped in {@code data} or bare, unknown members ignored; without an
 * id it is a typed error carrying the {@code request_id}.
 */
class DocumentedMeIT {
  private static final String EXAMPLE = KrebitDocs.jsonExamples("users.txt").get(0);

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @Test
  void readsTheUsersGuideExample(FakeKrebitServer server) {
    Me me = answering(server, EXAMPLE);

    assertThat(me)
        .isEqualTo(
            new Me(
                "8b1c2f33-5a4d-4a3e-8e2f-93d1a5cdb081",
                Optional.of("Alex Integrator"),
                Optional.of("alex@example.com"),
                Optional.of(
                    new Me.Organization(
                        "4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5", Optional.of("YourCo"))),
                List.of()));
  }

  @Test
  void readsTheSameObjectBareAndIgnoresUnknownMembers(FakeKrebitServer server) {
    Me me =
        answering(
            server,
            "{\"id\": 42, \"name\": \"Alex\", \"avatar\": {\"url\": \"x\"}, \"data\": [1],"
                + " \"organization\": {\"id\": \"org-1\", \"plan\": \"gold\"}, \"roles\": [\"admin\", {\"name\": \"signer\"}, 7, null]}");

    assertThat(me.id()).isEqualTo("42");
    assertThat(me.name()).contains("Alex");
    assertThat(me.email()).isEmpty();
    assertThat(me.organization()).contains(new Me.Organization("org-1", Optional.empty()));
    assertThat(me.roles())
        .as("strings and named objects; the rest skipped")
        .containsExactly("admin", "signer");
    assertThat(me.hasRole("signer")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\": {\"name\": \"Alex Integrator\"}}",
        "{\"name\": \"x\"}",
        "{\"data\": {\"id\": \"\"}}",
        "{\"data\": {\"id\": {\"uuid\": \"8b1c\"}}}",
        "[]",
        "{\"data\": {\"id\": \"x\", \"organization\": {\"name\": \"YourCo\"}}}"
      })
  void withoutAnIdItIsATypedErrorWithTheRequestId(String body, FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.response(200, "application/json", body));

    Throwable failure = catchThrowable(() -> TestClients.client(server).me());

    assertThat(failure)
        .isInstanceOfSatisfying(
            KrebitUnexpectedResponseException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.requestId())
                  .contains(server.journal().lastApiRequest().orElseThrow().requestId());
              assertThat(e)
                  .hasMessageContaining(
                      "GET /api/1.0/me answered HTTP 200: the body is unusable: the ")
                  .hasMessageNotContaining("Alex")
                  .hasMessageNotContaining("YourCo");
            });
  }

  private static Me answering(FakeKrebitServer server, String body) {
    server.failNextApiRequests(1, InjectedFault.response(200, "application/json", body));
    return TestClients.client(server).me();
  }
}
