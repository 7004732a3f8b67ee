package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequestJournalTest {
  private final RequestJournal journal = new RequestJournal();

  @Test
  void keepsTheLatestEntriesUpToItsCapacity() {
    for (int i = 0; i < RequestJournal.CAPACITY + 5; i++) {
      journal.record(entry("req_" + i));
    }

    assertThat(journal.tokenRequestCount()).isEqualTo(RequestJournal.CAPACITY);
    assertThat(journal.totalTokenRequestCount())
        .as("the total counts every request")
        .isEqualTo(RequestJournal.CAPACITY + 5);
    assertThat(journal.totalApiRequestCount()).isZero();
    assertThat(journal.tokenRequests().get(0).requestId()).isEqualTo("req_5");
    assertThat(journal.lastTokenRequest().map(RecordedTokenRequest::requestId))
        .contains("req_" + (RequestJournal.CAPACITY + 4));
    assertThat(journal.apiRequestCount()).isZero();
    assertThat(journal.lastApiRequest()).isEmpty();
  }

  @Test
  void clearEmptiesBothKinds() {
    journal.record(entry("req_1"));
    journal.record(
        new RecordedApiRequest(
            "req_2",
            Instant.EPOCH,
            "GET",
            "/api/1.0/me",
            OptionalInt.of(200),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));

    journal.clear();

    assertThat(journal.tokenRequests()).isEmpty();
    assertThat(journal.apiRequests()).isEmpty();
    assertThat(journal.totalTokenRequestCount()).isZero();
    assertThat(journal.totalApiRequestCount()).isZero();
  }

  @Test
  void countsSuccessfulRefreshRedemptionsByFamilyAndByUser() {
    journal.record(refresh("fam_a", "alice", true));
    journal.record(refresh("fam_a", "alice", true));
    journal.record(refresh("fam_a", "alice", false));
    journal.record(refresh("fam_b", "alice", true));
    journal.record(refresh("fam_c", "bob", true));
    journal.record(entry("req_cc"));

    assertThat(journal.refreshRedemptions("fam_a")).isEqualTo(2);
    assertThat(journal.refreshRedemptions("fam_x")).isZero();
    assertThat(journal.refreshRedemptionsOfUser("alice")).isEqualTo(3);
    assertThat(journal.refreshRedemptions()).isEqualTo(4);
  }

  @Test
  void keepsAuthorizeRequestsApartAndClearsThemToo() {
    RecordedAuthorizeRequest authorize =
        new RecordedAuthorizeRequest(
            "req_a",
            Instant.EPOCH,
            "/oauth/authorize",
            Optional.of("c"),
            Optional.of("https://app.example/cb"),
            true,
            Optional.of("S256"),
            Optional.empty(),
            302,
            AuthorizeOutcome.CODE,
            Optional.empty(),
            Optional.of("alice"),
            Optional.of("0badc0de"));
    journal.record(authorize);

    assertThat(journal.authorizeRequests()).containsExactly(authorize);
    assertThat(journal.lastAuthorizeRequest()).contains(authorize);
    assertThat(journal.tokenRequestCount()).isZero();
    assertThat(authorize.issuedCode()).isTrue();
    journal.clear();
    assertThat(journal.authorizeRequestCount()).isZero();
  }

  private static RecordedTokenRequest refresh(String familyId, String userId, boolean issued) {
    return new RecordedTokenRequest(
        "req",
        Instant.EPOCH,
        Optional.of("refresh_token"),
        Optional.of("c"),
        Optional.of("application/json"),
        OptionalInt.of(issued ? 200 : 400),
        issued ? Optional.empty() : Optional.of("invalid_grant"),
        issued ? Optional.of("fp") : Optional.empty(),
        Optional.empty(),
        Optional.of(userId),
        Optional.of(familyId),
        Optional.empty());
  }

  private static RecordedTokenRequest entry(String requestId) {
    return new RecordedTokenRequest(
        requestId,
        Instant.EPOCH,
        Optional.of("client_credentials"),
        Optional.of("c"),
        Optional.of("application/json"),
        OptionalInt.of(200),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
