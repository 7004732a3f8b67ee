package se.krebit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookEvent;
import se.krebit.webhooks.WebhookRejection;

/**
 * How {@code krebit webhooks} prints a delivery: one summary line, then (for a verified one) its
 * JSON as it came, line by line, indented. Everything from the delivery goes through {@link
 * TerminalText}.
 */
final class DeliveryPrinter {
  private final PrintWriter out;

  DeliveryPrinter(PrintWriter out) {
    this.out = out;
  }

  /** A verified delivery, and its body unless {@code withBody} is false. */
  void verified(String label, VerifiedDelivery delivery, boolean withBody) {
    WebhookEvent event = delivery.event();
    List<String> parts = new ArrayList<>();
    parts.add(label);
    parts.add(event.type().isEmpty() ? "(no event type)" : TerminalText.escaped(event.type()));
    event.eventId().ifPresent(id -> parts.add("event " + TerminalText.escaped(id)));
    event.signingId().ifPresent(id -> parts.add("signing " + TerminalText.escaped(id)));
    event.documentId().ifPresent(id -> parts.add("document " + TerminalText.escaped(id)));
    delivery.clientId().ifPresent(id -> parts.add("client " + TerminalText.escaped(id)));
    parts.add("secret " + delivery.secretFingerprint());
    synchronized (out) {
      out.println(String.join("  ", parts));
      if (withBody) {
        event
            .payload()
            .json()
            .lines()
            .forEach(line -> out.println("    " + TerminalText.escaped(line)));
      }
      out.flush();
    }
  }

  /** A refused delivery: the status it was answered with and why. */
  void refused(WebhookRejection rejection) {
    synchronized (out) {
      out.println("refused (" + rejection.httpStatus() + "): " + rejection.reason());
      out.flush();
    }
  }

  /** A retry of a delivery taken before. */
  void duplicate(VerifiedDelivery delivery) {
    synchronized (out) {
      out.println(
          "duplicate  "
              + TerminalText.escaped(delivery.event().type())
              + delivery
                  .event()
                  .eventId()
                  .map(id -> "  event " + TerminalText.escaped(id))
                  .orElse("")
              + "  (taken before: acknowledged, not processed again)");
      out.flush();
    }
  }
}
