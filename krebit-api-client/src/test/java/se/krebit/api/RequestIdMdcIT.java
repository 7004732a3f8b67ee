package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.RecordedApiRequest;

/**
 * While a call's response is logged, the MDC holds its request_id; afterwards the MDC is as before.
 */
class RequestIdMdcIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
    MDC.clear();
  }

  @Test
  void theResponseLineCarriesItsRequestIdAndTheMdcIsClearedAfterwards(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);

    krebit.me();

    String requestId = server.journal().lastApiRequest().orElseThrow().requestId();
    assertThat(responseLines())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getFormattedMessage())
                  .startsWith("<-- 200 GET")
                  .endsWith("request_id=" + requestId);
              assertThat(line.getMDCPropertyMap())
                  .containsEntry(KrebitClient.MDC_REQUEST_ID, requestId);
            });
    assertThat(MDC.get(KrebitClient.MDC_REQUEST_ID)).isNull();
  }

  @Test
  void eachAttemptLogsWithItsOwnRequestId(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    krebit.me();
    server.reset();
    logs.close();
    logs = new LogCapture();
    server.failNextApiRequests(1, InjectedFault.status(503));

    krebit.me();

    List<String> requestIds =
        server.journal().apiRequests().stream().map(RecordedApiRequest::requestId).toList();
    assertThat(responseLines())
        .extracting(line -> line.getMDCPropertyMap().get(KrebitClient.MDC_REQUEST_ID))
        .containsExactlyElementsOf(requestIds);
    assertThat(logs.events())
        .filteredOn(e -> e.getFormattedMessage().startsWith("Krebit API call failed on attempt 1"))
        .singleElement()
        .satisfies(
            retry ->
                assertThat(retry.getMDCPropertyMap())
                    .containsEntry(KrebitClient.MDC_REQUEST_ID, requestIds.get(0)));
    assertThat(MDC.get(KrebitClient.MDC_REQUEST_ID)).isNull();
  }

  @Test
  void aRequestIdTheCallerHadInTheMdcIsRestoredEvenAfterAFailure(FakeKrebitServer server) {
    server.requireRole("/api/1.0/me", "admin");
    MDC.put(KrebitClient.MDC_REQUEST_ID, "outer");

    Throwable failure = catchThrowable(() -> TestClients.client(server).me());

    assertThat(failure).isInstanceOf(KrebitForbiddenException.class);
    assertThat(responseLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.getMDCPropertyMap())
                    .containsEntry(
                        KrebitClient.MDC_REQUEST_ID,
                        server.journal().lastApiRequest().orElseThrow().requestId()));
    assertThat(MDC.get(KrebitClient.MDC_REQUEST_ID)).isEqualTo("outer");
  }

  private List<ILoggingEvent> responseLines() {
    return logs.events().stream()
        .filter(e -> e.getLoggerName().equals(KrebitClient.class.getName()))
        .filter(e -> e.getFormattedMessage().startsWith("<-- "))
        .toList();
  }
}
