package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import se.krebit.testkit.internal.Json;
import se.krebit.webhooks.WebhookRejection.WrongSignature;

/**
 * Generated deliveries, hostile and honest: whatever the bytes and headers, the verifier answers
 * with a typed outcome and never throws; only a body signed under the secret is taken, and taken
 * whole; any change to a signed body is refused.
 */
class HostileDeliveryProperties {
  private static final String SECRET = "whsec_properties_0c7d41";
  private static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder().secret(SECRET).maxBodyBytes(4_096).build();

  @Property(tries = 1_000)
  void anyBytesUnderAnyHeadersGiveATypedOutcomeAndOnlyASignedBodyIsTaken(
      @ForAll @Size(max = 5_000) byte[] body, @ForAll("headers") Map<String, String> headers) {
    WebhookHeaders given =
        WebhookHeaders.of(
            headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));

    WebhookVerification result = VERIFIER.verify(body, given);

    assertThat(result).isNotNull();
    if (result instanceof VerifiedDelivery) {
      assertThat(given.all("X-Signature")).contains(Hmac.hex(SECRET, body));
    } else {
      WebhookRejection rejection = (WebhookRejection) result;
      assertThat(rejection.httpStatus()).isBetween(400, 499);
      assertThat(rejection.reason()).isNotBlank().doesNotContain("\n");
    }
  }

  @Property(tries = 1_000)
  void anySignedJsonObjectIsTakenWithItsTextWhole(@ForAll("objects") Map<String, Object> object) {
    byte[] body = Json.write(object).getBytes(UTF_8);
    Assume.that(body.length <= VERIFIER.maxBodyBytes());

    WebhookVerification result =
        VERIFIER.verify(body, WebhookHeaders.of("X-Signature", Hmac.hex(SECRET, body)));

    assertThat(result).isInstanceOf(VerifiedDelivery.class);
    assertThat(((VerifiedDelivery) result).event().payload().json())
        .isEqualTo(new String(body, UTF_8));
  }

  @Property(tries = 1_000)
  void aSignedBodyChangedInAnyByteIsAWrongSignature(
      @ForAll("objects") Map<String, Object> object, @ForAll int position, @ForAll byte change) {
    Assume.that(change != 0);
    byte[] body = Json.write(object).getBytes(UTF_8);
    String signature = Hmac.hex(SECRET, body);
    byte[] changed = body.clone();
    int index = Math.floorMod(position, changed.length);
    changed[index] = (byte) (changed[index] ^ change);

    assertThat(VERIFIER.verify(changed, WebhookHeaders.of("X-Signature", signature)))
        .isEqualTo(new WrongSignature(1));
  }

  @Property(tries = 1_000)
  void aSignatureOfAnyOtherTextIsNeverTaken(
      @ForAll("objects") Map<String, Object> object, @ForAll String signature) {
    byte[] body = Json.write(object).getBytes(UTF_8);
    Assume.that(!signature.strip().equals(Hmac.hex(SECRET, body)));

    assertThat(VERIFIER.verify(body, WebhookHeaders.of("X-Signature", signature)))
        .isInstanceOf(WebhookRejection.class);
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> names =
        Arbitraries.of(
            "X-Signature",
            "x-signature",
            "X-Krebit-Signature",
            "X-Client-Id",
            "Content-Length",
            "Content-Type",
            "X-Other");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(80),
            Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64),
            Arbitraries.strings().numeric().ofMaxLength(20));
    return Arbitraries.maps(names, values).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Map<String, Object>> objects() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<String> keys =
        Arbitraries.oneOf(
            Arbitraries.of("event", "id", "type", "signing_id", "data"),
            Arbitraries.strings().ofMaxLength(12));
    Arbitrary<Map<String, Object>> flat = Arbitraries.maps(keys, scalars).ofMaxSize(6);
    return Combinators.combine(flat, Arbitraries.maps(keys, flat.map(m -> (Object) m)).ofMaxSize(2))
        .as(
            (top, nested) -> {
              Map<String, Object> object = new LinkedHashMap<>(top);
              object.putAll(nested);
              return object;
            });
  }
}
