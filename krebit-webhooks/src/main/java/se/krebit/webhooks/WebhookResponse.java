package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

/**
 * The answer to send to Krebit for one delivery: a status and a one-line plain-text body that holds
 * nothing from the delivery.
 *
 * @param status the HTTP status: 200 when the delivery was taken (or had been), else an error
 *     status, so that Krebit retries
 * @param message a short reason, such as {@code accepted} or {@code wrong signature: …}
 */
public record WebhookResponse(int status, String message) {
  /**
   * Requires a final status, 200 to 599, and a message.
   *
   * @throws IllegalArgumentException if {@code status} is not a final HTTP status
   */
  public WebhookResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("not a final HTTP status: " + status);
    }
    requireNonNull(message, "message");
  }

  /** Whether Krebit will take it as delivered (a 2xx). */
  public boolean isSuccess() {
    return status / 100 == 2;
  }
}
