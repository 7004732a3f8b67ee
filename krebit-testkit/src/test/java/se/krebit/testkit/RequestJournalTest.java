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
    assertThat(journal.tokenRequests().get(0).requestId()).isEqualTo("req_5");
    assertThat(journal.lastTokenRequest().map(RecordedTokenRequest::requestId))
        .contains("req_" + (RequestJournal.CAPACITY + 4));
    assertThat(journal.apiRequestCount()).isZero();
    assertThat(journal.lastApiRequest()).isEmpty();
  }

  @Test
  void clearEmptiesBothKinds() {
    journal.record(entry("req_1"));
    journal.record(new RecordedApiRequest("req_2", Instant.EPOCH, "GET", "/api/1.0/me", OptionalInt.of(200),
        Optional.empty(), Optional.empty(), Optional.empty()));

    journal.clear();

    assertThat(journal.tokenRequests()).isEmpty();
    assertThat(journal.apiRequests()).isEmpty();
  }

  private static RecordedTokenRequest entry(String requestId) {
    return new RecordedTokenRequest(requestId, Instant.EPOCH, Optional.of("client_credentials"), Optional.of("c"),
        Optional.of("application/json"), OptionalInt.of(200), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
