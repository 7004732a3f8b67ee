package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.WebhookRejection.BodyTooLarge;
import se.krebit.webhooks.WebhookRejection.MalformedSignature;
import se.krebit.webhooks.WebhookRejection.MissingSignature;
import se.krebit.webhooks.WebhookRejection.NotJson;
import se.krebit.webhooks.WebhookRejection.WrongClientId;
import se.krebit.webhooks.WebhookRejection.WrongSignature;
import se.krebit.webhooks.internal.SafeText;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * Checks that a delivery comes from Krebit, the way Krebit's webhook guide says: the HMAC-SHA256 of
 * the <em>raw</em> body bytes, keyed with the webhook's secret, in lower-case hex in the {@code
 * X-Signature} header ({@code X-Krebit-Signature} in the other version of the guide), compared in
 * constant time ({@link MessageDigest#isEqual}). Then it parses the body into a typed {@link
 * WebhookEvent}. Give it the bytes exactly as they arrived: parsing the JSON and writing it out
 * again changes them and fails the check.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .secret(WebhookSecret.of(System.getenv("KREBIT_WEBHOOK_SECRET")))
 *     .build();
 * WebhookVerification result = verifier.verify(rawBody, WebhookHeaders.of(requestHeaders));
 * }</pre>
 *
 * <p>Checks, in order: a signature header is present and holds 64 lower-case hex digits; the client
 * id, if one is {@linkplain Builder#expectedClientId expected}; the body's size; the HMAC under
 * each configured secret (several at once, so a secret can be rotated without downtime); the body
 * is a JSON object. The first failure is the {@link WebhookRejection}, logged at WARN with its
 * reason and the body's size, never the body or a header value. Header names are matched without
 * regard to case.
 *
 * <p>Immutable and thread-safe; build one and share it.
 */
public final class WebhookVerifier {
  /** The signature headers read unless configured otherwise: the two the guide's versions name. */
  public static final List<String> DEFAULT_SIGNATURE_HEADERS =
      List.of("X-Signature", "X-Krebit-Signature");

  /** The header that names the sending client, in the second version of the guide. */
  public static final String DEFAULT_CLIENT_ID_HEADER = "X-Client-Id";

  /** The largest body taken unless configured otherwise: 1 MiB, far above an event's size. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerifier.class);
  private static final String HMAC = "HmacSHA256";
  private static final int SIGNATURE_HEX_DIGITS = 64;
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern ANY_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

  private final Builder settings;
  private final List<WebhookSecret> secrets;
  private final List<String> signatureHeaders;
  private final Set<String> expectedClientIds;

  private WebhookVerifier(Builder builder) {
    this.settings = builder.copy();
    this.secrets = List.copyOf(builder.secrets);
    this.signatureHeaders = List.copyOf(builder.signatureHeaders);
    this.expectedClientIds = Set.copyOf(builder.expectedClientIds);
  }

  /** A builder with the defaults: both signature headers, no client id check, a 1 MiB cap. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this verifier's settings, to add a secret during a rotation, for example. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /** The largest body it takes, in bytes. */
  public int maxBodyBytes() {
    return settings.maxBodyBytes;
  }

  /**
   * Verifies one delivery.
   *
   * @param body the request body exactly as received, not re-encoded
   * @param headers the request headers
   * @return the verified delivery, or why it is refused
   */
  public WebhookVerification verify(byte[] body, WebhookHeaders headers) {
    requireNonNull(body, "body");
    requireNonNull(headers, "headers");
    WebhookVerification result = examine(body, headers);
    if (result instanceof WebhookRejection rejection) {
      logRejection(rejection, body.length);
    } else if (result instanceof VerifiedDelivery delivery && LOG.isDebugEnabled()) {
      LOG.debug(
          "Verified a webhook delivery of {} bytes: {} {}, secret {}",
          body.length,
          SafeText.of(delivery.event().type()),
          delivery.key(),
          delivery.secretFingerprint());
    }
    return result;
  }

  /**
   * What can be told from the headers alone, before the body is read: a missing or malformed
   * signature, a wrong client id, or a declared {@code Content-Length} above the cap. Logged as
   * {@link #verify} logs.
   */
  Optional<WebhookRejection> precheck(WebhookHeaders headers) {
    Optional<WebhookRejection> problem = headerProblem(headers);
    if (problem.isEmpty() && headers.contentLength().orElse(0) > settings.maxBodyBytes) {
      problem = Optional.of(new BodyTooLarge(settings.maxBodyBytes));
    }
    problem.ifPresent(rejection -> logRejection(rejection, headers.contentLength().orElse(-1)));
    return problem;
  }

  private WebhookVerification examine(byte[] body, WebhookHeaders headers) {
    Optional<WebhookRejection> problem = headerProblem(headers);
    if (problem.isPresent()) {
      return problem.get();
    }
    if (body.length > settings.maxBodyBytes) {
      return new BodyTooLarge(settings.maxBodyBytes);
    }
    byte[] signature = HexFormat.of().parseHex(signatureValues(headers).get(0));
    Optional<WebhookSecret> signer = signer(body, signature);
    if (signer.isEmpty()) {
      return new WrongSignature(secrets.size());
    }
    Optional<String> json = utf8(body);
    if (json.isEmpty()) {
      return new NotJson("the body is not UTF-8 text");
    }
    Object parsed;
    try {
      parsed = JSONUtils.parseJSON(json.get());
    } catch (ParseException e) {
      return new NotJson("the body is not JSON"); // the parser's message may quote the body
    }
    if (!(parsed instanceof Map<?, ?>)) {
      return new NotJson("the body is JSON but not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) parsed;
    WebhookPayload payload = new WebhookPayload(json.get(), document, settings.eventFields);
    WebhookEvent event = WebhookEvent.of(settings.eventFields.type(document).orElse(""), payload);
    Optional<String> clientId = headers.first(settings.clientIdHeader).map(String::strip);
    return new VerifiedDelivery(
        event, keyOf(event, headers, body), clientId, signer.get().fingerprint());
  }

  private Optional<WebhookRejection> headerProblem(WebhookHeaders headers) {
    List<String> signatures = signatureValues(headers);
    if (signatures.isEmpty()) {
      return Optional.of(new MissingSignature(signatureHeaders));
    }
    if (signatures.size() > 1) {
      return Optional.of(
          new MalformedSignature(
              "the signature headers hold " + signatures.size() + " different values"));
    }
    Optional<String> malformed = malformation(signatures.get(0));
    if (malformed.isPresent()) {
      return Optional.of(new MalformedSignature(malformed.get()));
    }
    if (!expectedClientIds.isEmpty()) {
      List<String> clientIds = headers.all(settings.clientIdHeader);
      if (clientIds.isEmpty()) {
        return Optional.of(new WrongClientId(false));
      }
      if (clientIds.size() != 1 || !expectedClientIds.contains(clientIds.get(0).strip())) {
        return Optional.of(new WrongClientId(true));
      }
    }
    return Optional.empty();
  }

  /** The distinct non-empty values of all signature headers. */
  private List<String> signatureValues(WebhookHeaders headers) {
    Set<String> values = new LinkedHashSet<>();
    for (String name : signatureHeaders) {
      headers.all(name).stream()
          .map(String::strip)
          .filter(value -> !value.isEmpty())
          .forEach(values::add);
    }
    return List.copyOf(values);
  }

  private static Optional<String> malformation(String signature) {
    if (signature.length() != SIGNATURE_HEX_DIGITS) {
      return Optional.of(
          "expected "
              + SIGNATURE_HEX_DIGITS
              + " hex digits (HMAC-SHA256), got "
              + signature.length()
              + " characters");
    }
    if (LOWER_HEX.matcher(signature).matches()) {
      return Optional.empty();
    }
    if (ANY_HEX.matcher(signature).matches()) {
      return Optional.of(
          "upper-case hex digits; Krebit sends lower-case hex, and the check in its guide"
              + " compares the hex text, so it would refuse this too");
    }
    return Optional.of("not hexadecimal");
  }

  /**
   * The secret whose HMAC of {@code body} is {@code signature}; every secret is tried, so timing
   * tells nothing.
   */
  private Optional<WebhookSecret> signer(byte[] body, byte[] signature) {
    WebhookSecret signer = null;
    for (WebhookSecret secret : secrets) {
      if (MessageDigest.isEqual(hmac(secret, body), signature) && signer == null) {
        signer = secret;
      }
    }
    return Optional.ofNullable(signer);
  }

  private static byte[] hmac(WebhookSecret secret, byte[] body) {
    byte[] key = secret.key();
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + HMAC, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Optional<String> utf8(byte[] body) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private DeliveryKey keyOf(WebhookEvent event, WebhookHeaders headers, byte[] body) {
    Optional<String> deliveryId =
        settings
            .deliveryIdHeader
            .flatMap(headers::first)
            .map(String::strip)
            .filter(id -> !id.isEmpty());
    if (deliveryId.isPresent()) {
      return DeliveryKey.ofDeliveryId(deliveryId.get());
    }
    Optional<String> eventId = event.eventId().filter(id -> !id.isEmpty());
    return eventId.isPresent()
        ? DeliveryKey.ofEvent(event.type(), eventId.get())
        : DeliveryKey.ofBody(body);
  }

  private static void logRejection(WebhookRejection rejection, long bodyBytes) {
    LOG.warn(
        "Refused a webhook delivery{}: {}",
        bodyBytes < 0 ? "" : " of " + bodyBytes + " bytes",
        rejection.reason());
  }

  @Override
  public String toString() {
    return "WebhookVerifier["
        + secrets.size()
        + " secret(s), signature headers "
        + signatureHeaders
        + (expectedClientIds.isEmpty() ? "" : ", client ids " + expectedClientIds)
        + ", max "
        + settings.maxBodyBytes
        + " bytes]";
  }

  /**
   * Configures a {@link WebhookVerifier}. Each setter validates its value and names the setting in
   * its error. Not thread-safe.
   */
  public static final class Builder {
    private final List<WebhookSecret> secrets = new ArrayList<>();
    private final List<String> signatureHeaders = new ArrayList<>(DEFAULT_SIGNATURE_HEADERS);
    private String clientIdHeader = DEFAULT_CLIENT_ID_HEADER;
    private final Set<String> expectedClientIds = new LinkedHashSet<>();
    private Optional<String> deliveryIdHeader = Optional.empty();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private EventFields eventFields = EventFields.defaults();

    private Builder() {}

    /**
     * Adds a secret deliveries may be signed with. Add the new one beside the old while you rotate,
     * then drop the old ({@link VerifiedDelivery#secretFingerprint()} shows which one signed).
     */
    public Builder secret(WebhookSecret secret) {
      secrets.add(requireNonNull(secret, "secret"));
      return this;
    }

    /** Adds a secret: {@code secret(WebhookSecret.of(secret))}. */
    public Builder secret(String secret) {
      return secret(WebhookSecret.of(secret));
    }

    /** Forgets the secrets added so far, as after a rotation. */
    public Builder clearSecrets() {
      secrets.clear();
      return this;
    }

    /**
     * The headers the signature may be in, any one of them; default {@link
     * #DEFAULT_SIGNATURE_HEADERS}. A delivery with different values in two of them is refused.
     */
    public Builder signatureHeaders(String... names) {
      if (names.length == 0) {
        throw new KrebitConfigurationException("signatureHeaders needs at least one header name");
      }
      List<String> checked = new ArrayList<>();
      for (String name : names) {
        checked.add(headerName("signatureHeaders", name));
      }
      signatureHeaders.clear();
      signatureHeaders.addAll(checked);
      return this;
    }

    /** The header naming the sending client; default {@value #DEFAULT_CLIENT_ID_HEADER}. */
    public Builder clientIdHeader(String name) {
      this.clientIdHeader = headerName("clientIdHeader", name);
      return this;
    }

    /**
     * Requires the client id header to name one of these clients (your Krebit application's client
     * id). Unset by default: the first version of the guide sends no client id.
     */
    public Builder expectedClientId(String... clientIds) {
      for (String clientId : clientIds) {
        requireNonNull(clientId, "expectedClientId");
        if (clientId.isBlank()) {
          throw new KrebitConfigurationException("expectedClientId must not be blank");
        }
        expectedClientIds.add(clientId.strip());
      }
      return this;
    }

    /**
     * A header that identifies a delivery, to deduplicate by when present. Krebit's documentation
     * names none, so none is read by default.
     */
    public Builder deliveryIdHeader(String name) {
      this.deliveryIdHeader = Optional.of(headerName("deliveryIdHeader", name));
      return this;
    }

    /**
     * The largest body taken, in bytes, at least 1; default {@value #DEFAULT_MAX_BODY_BYTES} (1
     * MiB).
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new KrebitConfigurationException(
            "maxBodyBytes must be at least 1; got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Where the event type and ids are in the JSON; default {@link EventFields#defaults()}. */
    public Builder eventFields(EventFields eventFields) {
      this.eventFields = requireNonNull(eventFields, "eventFields");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws KrebitConfigurationException if no secret was added
     */
    public WebhookVerifier build() {
      if (secrets.isEmpty()) {
        throw new KrebitConfigurationException(
            "a webhook verifier needs the secret Krebit returned when the webhook was created: add it with secret(...)");
      }
      return new WebhookVerifier(this);
    }

    private static String headerName(String setting, @Nullable String name) {
      requireNonNull(name, setting);
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new KrebitConfigurationException(
            setting + " must be an HTTP header name such as X-Signature");
      }
      return name;
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.secrets.addAll(secrets);
      copy.signatureHeaders.clear();
      copy.signatureHeaders.addAll(signatureHeaders);
      copy.clientIdHeader = clientIdHeader;
      copy.expectedClientIds.addAll(expectedClientIds);
      copy.deliveryIdHeader = deliveryIdHeader;
      copy.maxBodyBytes = maxBodyBytes;
      copy.eventFields = eventFields;
      return copy;
    }
  }
}
