package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.testkit.hygiene.PlantedSecrets;
import se.krebit.webhooks.OpensslVectors.Vector;
import se.krebit.webhooks.WebhookEvent.DocumentCompleted;
import se.krebit.webhooks.WebhookEvent.SigningSent;
import se.krebit.webhooks.WebhookEvent.UnknownEvent;
import se.krebit.webhooks.WebhookRejection.BodyTooLarge;
import se.krebit.webhooks.WebhookRejection.MalformedSignature;
import se.krebit.webhooks.WebhookRejection.MissingSignature;
import se.krebit.webhooks.WebhookRejection.NotJson;
import se.krebit.webhooks.WebhookRejection.WrongClientId;
import se.krebit.webhooks.WebhookRejection.WrongSignature;
import se.krebit.webhooks.spi.DeliveryKey;

class WebhookVerifierTest {
  private static final String SECRET = "whsec_test_8c4a1f2e9b7d5a3c";
  private static final String OTHER_SECRET = "hemlig-nyckel-åäö-🔑";
  private static final byte[] SIGNING_SENT = OpensslVectors.resource("signing-sent.json");

  static {
    PlantedSecrets.plant(SECRET);
    PlantedSecrets.plant(OTHER_SECRET);
    PlantedSecrets.plant(
        "9b2d6a1e-0c3f-4e8a-b5d7-1f2e3a4b5c6d"); // a user id in the body: the body is never logged
  }

  private final WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).build();

  static Stream<Vector> opensslVectors() {
    return OpensslVectors.all().stream();
  }

  @ParameterizedTest
  @MethodSource("opensslVectors")
  void aSignatureOpensslComputedVerifies(Vector vector) {
    WebhookVerifier underItsSecret = WebhookVerifier.builder().secret(vector.secret()).build();

    WebhookVerification result = underItsSecret.verify(vector.body(), signed(vector.signature()));

    assertThat(result).isInstanceOf(VerifiedDelivery.class);
    assertThat(((VerifiedDelivery) result).secretFingerprint())
        .isEqualTo(WebhookSecret.of(vector.secret()).fingerprint());
    assertThat(Hmac.hex(vector.secret(), vector.body()))
        .as("the test's own HMAC")
        .isEqualTo(vector.signature());
  }

  @Test
  void signingSentIsTypedWithItsIdsAndKeepsTheJsonAsSent() {
    VerifiedDelivery delivery =
        verified(verifier.verify(SIGNING_SENT, signed(Hmac.hex(SECRET, SIGNING_SENT))));

    assertThat(delivery.event()).isInstanceOf(SigningSent.class);
    assertThat(delivery.event().type()).isEqualTo("signing.sent");
    assertThat(delivery.event().eventId()).contains("evt_01HZX3K8Q2M7");
    assertThat(delivery.event().signingId()).contains("5f0c2a9e-41d7-4b3c-86a2-e9f01d7b3c86");
    assertThat(delivery.event().userId()).contains("9b2d6a1e-0c3f-4e8a-b5d7-1f2e3a4b5c6d");
    assertThat(delivery.event().documentId()).isEmpty();
    assertThat(delivery.event().payload().json()).isEqualTo(new String(SIGNING_SENT, UTF_8));
    assertThat(delivery.event().payload().value("/created_at")).contains("2030-01-01T09:30:00Z");
    assertThat(delivery.key()).isEqualTo(DeliveryKey.ofEvent("signing.sent", "evt_01HZX3K8Q2M7"));
    assertThat(delivery.clientId()).isEmpty();
  }

  @Test
  void documentCompletedFindsNestedIdsAndKeepsUnicode() {
    byte[] body = OpensslVectors.resource("document-completed.json");

    VerifiedDelivery delivery = verified(verifier.verify(body, signed(Hmac.hex(SECRET, body))));

    assertThat(delivery.event()).isInstanceOf(DocumentCompleted.class);
    assertThat(delivery.event().signingId()).contains("sig-42");
    assertThat(delivery.event().documentId()).contains("doc-7");
    assertThat(delivery.event().payload().value("/data/document/name"))
        .contains("Avtal för Åsa Öberg – 2030.pdf");
  }

  @Test
  void aTypeThisLibraryDoesNotKnowIsAnUnknownEventWithItsJsonWhole() {
    byte[] body = OpensslVectors.resource("unknown-event.json");

    VerifiedDelivery delivery = verified(verifier.verify(body, signed(Hmac.hex(SECRET, body))));

    assertThat(delivery.event())
        .isEqualTo(new UnknownEvent("signing.archived", delivery.event().payload()));
    assertThat(delivery.event().payload().json()).isEqualTo(new String(body, UTF_8));
    assertThat(delivery.event().payload().value("/note")).contains("a type Krebit may add later");
    assertThat(delivery.event().signingId()).contains("sig-43");
  }

  @Test
  void aPayloadNamingNoTypeIsAnUnknownEventWithAnEmptyType() {
    byte[] body = "{\"id\":\"evt_9\",\"what\":\"signing.sent\"}".getBytes(UTF_8);

    VerifiedDelivery delivery = verified(verifier.verify(body, signed(Hmac.hex(SECRET, body))));

    assertThat(delivery.event()).isInstanceOf(UnknownEvent.class);
    assertThat(delivery.event().type()).isEmpty();
    assertThat(delivery.key()).isEqualTo(DeliveryKey.ofEvent("", "evt_9"));
  }

  @Test
  void everyFlippedByteOfTheBodyIsAWrongSignature() {
    String signature = Hmac.hex(SECRET, SIGNING_SENT);
    for (int i = 0; i < SIGNING_SENT.length; i++) {
      byte[] tampered = SIGNING_SENT.clone();
      tampered[i] ^= 0x01;

      assertThat(verifier.verify(tampered, signed(signature)))
          .as("byte %d flipped", i)
          .isEqualTo(new WrongSignature(1));
    }
  }

  @Test
  void aFlippedDigitOfTheSignatureIsAWrongSignature() {
    char[] signature = Hmac.hex(SECRET, SIGNING_SENT).toCharArray();
    signature[17] = signature[17] == 'a' ? 'b' : 'a';

    assertThat(verifier.verify(SIGNING_SENT, signed(new String(signature))))
        .isEqualTo(new WrongSignature(1));
  }

  @Test
  void aReserialisedBodyIsAWrongSignature() throws Exception {
    String signature = Hmac.hex(SECRET, SIGNING_SENT);
    String reserialised = JSONObjectUtils.parse(new String(SIGNING_SENT, UTF_8)).toJSONString();
    assertThat(JSONObjectUtils.parse(reserialised))
        .isEqualTo(JSONObjectUtils.parse(new String(SIGNING_SENT, UTF_8)));

    assertThat(verifier.verify(reserialised.getBytes(UTF_8), signed(signature)))
        .isEqualTo(new WrongSignature(1));
  }

  @Test
  void aSignatureUnderAnotherSecretIsAWrongSignature() {
    assertThat(verifier.verify(SIGNING_SENT, signed(Hmac.hex(OTHER_SECRET, SIGNING_SENT))))
        .isEqualTo(new WrongSignature(1));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 62, 32, 1})
  void aTruncatedSignatureIsMalformed(int length) {
    String truncated = Hmac.hex(SECRET, SIGNING_SENT).substring(0, length);

    assertThat(verifier.verify(SIGNING_SENT, signed(truncated)))
        .isEqualTo(
            new MalformedSignature(
                "expected 64 hex digits (HMAC-SHA256), got " + length + " characters"));
  }

  @Test
  void anUpperCaseHexSignatureIsMalformedAsTheGuidesOwnCheckWouldFindIt() {
    String upper = Hmac.hex(SECRET, SIGNING_SENT).toUpperCase(java.util.Locale.ROOT);

    WebhookVerification result = verifier.verify(SIGNING_SENT, signed(upper));

    assertThat(result).isInstanceOf(MalformedSignature.class);
    assertThat(((WebhookRejection) result).reason()).contains("upper-case hex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256=", "v1,", "0x"})
  void aPrefixedSignatureIsMalformed(String prefix) {
    assertThat(verifier.verify(SIGNING_SENT, signed(prefix + Hmac.hex(SECRET, SIGNING_SENT))))
        .isInstanceOf(MalformedSignature.class);
  }

  @Test
  void sixtyFourCharactersThatAreNotHexAreMalformed() {
    assertThat(verifier.verify(SIGNING_SENT, signed("g".repeat(64))))
        .isEqualTo(new MalformedSignature("not hexadecimal"));
  }

  @Test
  void noSignatureHeaderIsAMissingSignature() {
    assertThat(verifier.verify(SIGNING_SENT, WebhookHeaders.of("Content-Type", "application/json")))
        .isEqualTo(new MissingSignature(List.of("X-Signature", "X-Krebit-Signature")));
    assertThat(verifier.verify(SIGNING_SENT, signed("  "))).isInstanceOf(MissingSignature.class);
  }

  @Test
  void aBodyOverTheCapIsTooLargeEvenWhenSigned() {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) ' ');
    tenMegabytes[0] = '{';
    tenMegabytes[tenMegabytes.length - 1] = '}';

    assertThat(verifier.verify(tenMegabytes, signed(Hmac.hex(SECRET, tenMegabytes))))
        .isEqualTo(new BodyTooLarge(WebhookVerifier.DEFAULT_MAX_BODY_BYTES));
  }

  @Test
  void theCapIsInclusive() {
    byte[] body = "{\"event\":\"signing.sent\"}".getBytes(UTF_8);
    WebhookVerifier exact =
        WebhookVerifier.builder().secret(SECRET).maxBodyBytes(body.length).build();
    WebhookVerifier oneLess = exact.toBuilder().maxBodyBytes(body.length - 1).build();

    assertThat(exact.verify(body, signed(Hmac.hex(SECRET, body))))
        .isInstanceOf(VerifiedDelivery.class);
    assertThat(oneLess.verify(body, signed(Hmac.hex(SECRET, body))))
        .isEqualTo(new BodyTooLarge(body.length - 1));
  }

  static Stream<byte[]> signedButNotAJsonObject() {
    return Stream.of(
        "hello".getBytes(UTF_8),
        "".getBytes(UTF_8),
        "[{\"event\":\"signing.sent\"}]".getBytes(UTF_8),
        "\"signing.sent\"".getBytes(UTF_8),
        "{\"event\":".getBytes(UTF_8),
        "{\"event\":\"signing.sent\"} trailing".getBytes(UTF_8),
        "{'event':'signing.sent'}".getBytes(UTF_8),
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
        new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
  }

  @ParameterizedTest
  @MethodSource("signedButNotAJsonObject")
  void aSignedBodyThatIsNotAJsonObjectIsNotJson(byte[] body) {
    assertThat(verifier.verify(body, signed(Hmac.hex(SECRET, body)))).isInstanceOf(NotJson.class);
  }

  @Test
  void headerNamesAreMatchedWithoutRegardToCase() {
    String signature = Hmac.hex(SECRET, SIGNING_SENT);

    assertThat(verifier.verify(SIGNING_SENT, WebhookHeaders.of("x-signature", signature)))
        .isInstanceOf(VerifiedDelivery.class);
    assertThat(verifier.verify(SIGNING_SENT, WebhookHeaders.of("X-KREBIT-SIGNATURE", signature)))
        .isInstanceOf(VerifiedDelivery.class);
  }

  @Test
  void configuredSignatureHeadersReplaceTheDefaults() {
    WebhookVerifier custom = verifier.toBuilder().signatureHeaders("X-Hub-Signature").build();
    String signature = Hmac.hex(SECRET, SIGNING_SENT);

    assertThat(custom.verify(SIGNING_SENT, WebhookHeaders.of("x-hub-signature", signature)))
        .isInstanceOf(VerifiedDelivery.class);
    assertThat(custom.verify(SIGNING_SENT, signed(signature)))
        .isEqualTo(new MissingSignature(List.of("X-Hub-Signature")));
  }

  @Test
  void twoDifferentSignaturesAreMalformedAndTwoEqualOnesAreOne() {
    String signature = Hmac.hex(SECRET, SIGNING_SENT);
    String other = Hmac.hex(OTHER_SECRET, SIGNING_SENT);

    assertThat(
            verifier.verify(
                SIGNING_SENT,
                WebhookHeaders.of("X-Signature", signature, "X-Krebit-Signature", other)))
        .isEqualTo(new MalformedSignature("the signature headers hold 2 different values"));
    assertThat(
            verifier.verify(
                SIGNING_SENT, WebhookHeaders.of("X-Signature", other, "X-Signature", signature)))
        .isInstanceOf(MalformedSignature.class);
    assertThat(
            verifier.verify(
                SIGNING_SENT,
                WebhookHeaders.of("X-Signature", signature, "X-Krebit-Signature", signature)))
        .isInstanceOf(VerifiedDelivery.class);
  }

  @Test
  void bothSecretsVerifyDuringARotationAndTheDeliverySaysWhichSigned() {
    WebhookVerifier rotating = verifier.toBuilder().secret(OTHER_SECRET).build();

    VerifiedDelivery underOld =
        verified(rotating.verify(SIGNING_SENT, signed(Hmac.hex(SECRET, SIGNING_SENT))));
    VerifiedDelivery underNew =
        verified(rotating.verify(SIGNING_SENT, signed(Hmac.hex(OTHER_SECRET, SIGNING_SENT))));

    assertThat(underOld.secretFingerprint()).isEqualTo(WebhookSecret.of(SECRET).fingerprint());
    assertThat(underNew.secretFingerprint())
        .isEqualTo(WebhookSecret.of(OTHER_SECRET).fingerprint());
    WebhookVerifier rotated = rotating.toBuilder().clearSecrets().secret(OTHER_SECRET).build();
    assertThat(rotated.verify(SIGNING_SENT, signed(Hmac.hex(SECRET, SIGNING_SENT))))
        .isEqualTo(new WrongSignature(1));
    assertThat(rotating.verify(SIGNING_SENT, signed("0".repeat(64))))
        .isEqualTo(new WrongSignature(2));
  }

  @Test
  void anExpectedClientIdMustBeTheOneNamed() {
    WebhookVerifier strict = verifier.toBuilder().expectedClientId("demo-client").build();
    String signature = Hmac.hex(SECRET, SIGNING_SENT);

    assertThat(strict.verify(SIGNING_SENT, signed(signature))).isEqualTo(new WrongClientId(false));
    assertThat(
            strict.verify(
                SIGNING_SENT,
                WebhookHeaders.of("X-Signature", signature, "X-Client-Id", "other-client")))
        .isEqualTo(new WrongClientId(true));
    assertThat(
            strict.verify(
                SIGNING_SENT,
                WebhookHeaders.of(
                    "X-Signature",
                    signature,
                    "X-Client-Id",
                    "demo-client",
                    "X-Client-Id",
                    "other-client")))
        .isEqualTo(new WrongClientId(true));
    VerifiedDelivery delivery =
        verified(
            strict.verify(
                SIGNING_SENT,
                WebhookHeaders.of("X-Signature", signature, "x-client-id", "demo-client")));
    assertThat(delivery.clientId()).contains("demo-client");
  }

  @Test
  void withoutAnExpectedClientIdTheHeaderIsOnlyReported() {
    VerifiedDelivery delivery =
        verified(
            verifier.verify(
                SIGNING_SENT,
                WebhookHeaders.of(
                    "X-Signature", Hmac.hex(SECRET, SIGNING_SENT), "X-Client-Id", "any-client")));

    assertThat(delivery.clientId()).contains("any-client");
  }

  @Test
  void aDeliveryWithoutAnEventIdIsKeyedByItsBodyAndADeliveryIdHeaderWinsWhenConfigured() {
    byte[] noId = "{\"event\":\"signing.cancelled\",\"signing_id\":\"sig-1\"}".getBytes(UTF_8);
    String signature = Hmac.hex(SECRET, noId);
    WebhookVerifier withDeliveryIds =
        verifier.toBuilder().deliveryIdHeader("X-Delivery-Id").build();

    assertThat(verified(verifier.verify(noId, signed(signature))).key())
        .isEqualTo(DeliveryKey.ofBody(noId));
    assertThat(
            verified(
                    withDeliveryIds.verify(
                        noId, WebhookHeaders.of("X-Signature", signature, "X-Delivery-Id", "d-1")))
                .key())
        .isEqualTo(DeliveryKey.ofDeliveryId("d-1"));
    assertThat(verified(withDeliveryIds.verify(noId, signed(signature))).key())
        .isEqualTo(DeliveryKey.ofBody(noId));
  }

  @Test
  void eventFieldsCanNameTheTenantsPlaces() {
    byte[] body =
        "{\"kind\":\"signing.sent\",\"uid\":\"evt-x\",\"package\":{\"uuid\":\"p-1\"}}"
            .getBytes(UTF_8);
    WebhookVerifier custom =
        verifier.toBuilder()
            .eventFields(
                EventFields.builder()
                    .type("/kind")
                    .eventId("/uid")
                    .signingId("/package/uuid")
                    .build())
            .build();

    VerifiedDelivery delivery = verified(custom.verify(body, signed(Hmac.hex(SECRET, body))));

    assertThat(delivery.event()).isInstanceOf(SigningSent.class);
    assertThat(delivery.event().eventId()).contains("evt-x");
    assertThat(delivery.event().signingId()).contains("p-1");
  }

  @Test
  void aRejectionIsLoggedWithItsReasonAndNothingFromTheDelivery() {
    String wrong = Hmac.hex(OTHER_SECRET, SIGNING_SENT);
    try (WarnLog log = new WarnLog()) {
      verifier.verify(SIGNING_SENT, signed(wrong));

      assertThat(log.lines())
          .singleElement()
          .asString()
          .contains("wrong signature", SIGNING_SENT.length + " bytes")
          .doesNotContain(wrong, "evt_01HZX3K8Q2M7", "signing.sent");
    }
  }

  @Test
  void aVerifiedDeliveryLogsNoWarning() {
    try (WarnLog log = new WarnLog()) {
      verifier.verify(SIGNING_SENT, signed(Hmac.hex(SECRET, SIGNING_SENT)));

      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void theBuilderRefusesWhatCannotWork() {
    assertThatThrownBy(() -> WebhookVerifier.builder().build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(() -> WebhookSecret.of(" "))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder().signatureHeaders("X Signature"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("signatureHeaders");
    assertThatThrownBy(() -> WebhookVerifier.builder().signatureHeaders())
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder().maxBodyBytes(0))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder().expectedClientId(""))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> EventFields.builder().eventId("id"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> EventFields.builder().eventId("/a~2"))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @Test
  void noToStringShowsTheSecretOrTheBody() {
    VerifiedDelivery delivery =
        verified(verifier.verify(SIGNING_SENT, signed(Hmac.hex(SECRET, SIGNING_SENT))));

    assertThat(
            List.of(verifier.toString(), WebhookSecret.of(SECRET).toString(), delivery.toString()))
        .allSatisfy(text -> assertThat(text).doesNotContain(SECRET, "9b2d6a1e-0c3f", "created_at"));
    assertThat(delivery.toString())
        .contains("evt_01HZX3K8Q2M7", "5f0c2a9e-41d7-4b3c-86a2-e9f01d7b3c86");
  }

  @Test
  void idsThatDoNotLookLikeIdsAreNotPrinted() {
    byte[] body = "{\"event\":\"x\\u001b[31m\",\"id\":\"evt\\n\\u202eforged\"}".getBytes(UTF_8);

    VerifiedDelivery delivery = verified(verifier.verify(body, signed(Hmac.hex(SECRET, body))));

    assertThat(delivery.toString())
        .doesNotContain("\u001b", "\n", "\u202e", "forged")
        .contains("unusual characters");
  }

  private static WebhookHeaders signed(String signature) {
    return WebhookHeaders.of("X-Signature", signature, "Content-Type", "application/json");
  }

  private static VerifiedDelivery verified(WebhookVerification result) {
    assertThat(result).isInstanceOf(VerifiedDelivery.class);
    return (VerifiedDelivery) result;
  }
}
