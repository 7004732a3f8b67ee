package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.testkit.docs.KrebitDocs;
import se.krebit.webhooks.WebhookEvent.UnknownEvent;

/**
 * What Krebit's two webhook guides say, read from the saved pages, against what the verifier does.
 */
class DocumentedEventsTest {
  private static final Pattern TABLE_VALUE = Pattern.compile("\\|\\s*(signing\\.[a-z.]+)\\s*\\|");
  private static final String SECRET = "a-secret-for-the-docs-test";

  @ParameterizedTest
  @ValueSource(strings = {"webhooks-v1.txt", "webhooks-v2.txt"})
  void everyEventTheGuideListsIsATypedEventNotAnUnknownOne(String page) {
    Set<String> documented = documentedEvents(page);
    assertThat(documented).as("event values in %s", page).isNotEmpty();
    WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).build();

    for (String type : documented) {
      byte[] body = ("{\"event\":\"" + type + "\",\"id\":\"evt_1\"}").getBytes(UTF_8);
      WebhookVerification result =
          verifier.verify(body, WebhookHeaders.of("X-Signature", Hmac.hex(SECRET, body)));

      assertThat(result).isInstanceOf(VerifiedDelivery.class);
      WebhookEvent event = ((VerifiedDelivery) result).event();
      assertThat(event).as(type).isNotInstanceOf(UnknownEvent.class);
      assertThat(event.type()).isEqualTo(type);
    }
  }

  @Test
  void theTwoGuidesListTheEventsThisLibraryTypes() {
    Set<String> all = new LinkedHashSet<>(documentedEvents("webhooks-v1.txt"));
    all.addAll(documentedEvents("webhooks-v2.txt"));

    assertThat(all)
        .containsExactlyInAnyOrder(
            WebhookEvent.SigningSent.TYPE,
            WebhookEvent.SigningCancelled.TYPE,
            WebhookEvent.DocumentCompleted.TYPE,
            WebhookEvent.ReminderDispatched.TYPE);
  }

  @Test
  void theDefaultHeadersAreTheOnesTheGuidesName() {
    assertThat(KrebitDocs.page("webhooks-v1.txt")).contains("X-Krebit-Signature");
    assertThat(KrebitDocs.page("webhooks-v2.txt")).contains("(X-Signature)", "X-Client-Id");
    assertThat(WebhookVerifier.DEFAULT_SIGNATURE_HEADERS)
        .containsExactly("X-Signature", "X-Krebit-Signature");
    assertThat(WebhookVerifier.DEFAULT_CLIENT_ID_HEADER).isEqualTo("X-Client-Id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhooks-v1.txt", "webhooks-v2.txt"})
  void theGuidesSignWithHmacSha256OverTheRawBodyInHex(String page) {
    assertThat(KrebitDocs.page(page))
        .contains(
            "createHmac('sha256', secret)",
            ".update(rawBody)",
            ".digest('hex')",
            "timingSafeEqual");
  }

  private static Set<String> documentedEvents(String page) {
    Set<String> events = new LinkedHashSet<>();
    Matcher matcher = TABLE_VALUE.matcher(KrebitDocs.page(page));
    while (matcher.find()) {
      events.add(matcher.group(1));
    }
    return events;
  }
}
