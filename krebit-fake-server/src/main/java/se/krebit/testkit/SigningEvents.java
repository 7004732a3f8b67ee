package se.krebit.testkit;

import java.util.List;
import java.util.Map;

/**
 * The webhook events a signing raises on the fake as it moves on, as Krebit's webhook guide names
 * them: {@value #SENT} when a draft goes live, {@value #CANCELLED} when it is cancelled, and
 * {@value #DOCUMENT_COMPLETED} for each of its documents once everyone has signed. The guide stops
 * before the payload, so what an event carries beside its type is the fake's assumption: the
 * signing's id in {@code data.signing_id}, and a document's in {@code data.document_id}.
 */
final class SigningEvents {
  static final String SENT = "signing.sent";
  static final String CANCELLED = "signing.cancelled";
  static final String DOCUMENT_COMPLETED = "signing.document.completed";

  private final FakeWebhooks webhooks;

  SigningEvents(FakeWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  /**
   * Sends the events of {@code signing}'s move into the state it is now in; the events, in the
   * order sent.
   */
  List<EmittedEvent> movedOn(FakeSigning signing) {
    return switch (signing.state()) {
      case DRAFT -> List.of();
      case SENT -> List.of(webhooks.signingChanged(signing.id(), SENT, Map.of()));
      case CANCELLED -> List.of(webhooks.signingChanged(signing.id(), CANCELLED, Map.of()));
      // One event per document, as the guide's trigger says; a signing without documents completes
      // none.
      case COMPLETED ->
          signing.documents().stream()
              .map(
                  document ->
                      webhooks.signingChanged(
                          signing.id(), DOCUMENT_COMPLETED, Map.of("document_id", document.id())))
              .toList();
    };
  }
}
