package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Set;
import se.krebit.auth.Fingerprint;

/**
 * A webhook registered with the fake: where it delivers, which events, and the secret it signs
 * with, as Krebit's creation response returns it. {@code toString()} never shows the secret.
 *
 * @param id the endpoint's id, such as {@code wh_5f0c2a9e41d7b3c8}
 * @param clientId the app that registered it, sent in {@code X-Client-Id}
 * @param url where deliveries are POSTed
 * @param events the event types it receives; empty for every type
 * @param secret the signing secret
 * @param headerStyle which headers carry the signature and client id
 */
public record WebhookEndpoint(
    String id,
    String clientId,
    URI url,
    Set<String> events,
    String secret,
    WebhookHeaderStyle headerStyle) {
  /**
   * Requires every member and copies {@code events}: later changes to the given set do not show
   * here.
   */
  public WebhookEndpoint {
    requireNonNull(id, "id");
    requireNonNull(clientId, "clientId");
    requireNonNull(url, "url");
    events = Set.copyOf(events);
    requireNonNull(secret, "secret");
    requireNonNull(headerStyle, "headerStyle");
  }

  /** Whether it receives events of {@code type}. */
  public boolean receives(String type) {
    return events.isEmpty() || events.contains(type);
  }

  @Override
  public String toString() {
    return "WebhookEndpoint["
        + id
        + ", "
        + clientId
        + ", "
        + url
        + ", events="
        + (events.isEmpty() ? "all" : events)
        + ", secret="
        + Fingerprint.of(secret)
        + ", "
        + headerStyle
        + "]";
  }
}
