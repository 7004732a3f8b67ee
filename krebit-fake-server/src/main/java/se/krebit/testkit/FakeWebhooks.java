package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.krebit.testkit.hygiene.PlantedSecrets;
import se.krebit.testkit.internal.Json;

/**
 * The fake's webhooks, from {@link FakeKrebitServer#webhooks()}: register your endpoint, and it
 * receives the events of the fake's signings as a test moves them on ({@link FakeSignings}: {@code
 * signing.sent}, {@code signing.cancelled}, {@code signing.document.completed}) and any event a
 * test {@linkplain #emit emits}; then read what happened. Deliveries are what Krebit's webhook
 * guide says: a POST of a JSON body, signed with HMAC-SHA256 of the raw bytes under the endpoint's
 * secret, in lower-case hex, in {@code X-Signature} with the app's client id in {@code X-Client-Id}
 * (or in {@code X-Krebit-Signature}, as the guide's other version has it); anything but a 2xx is
 * retried.
 *
 * <pre>{@code
 * WebhookEndpoint endpoint = server.webhooks().register("demo-client", URI.create("http://127.0.0.1:8080/hooks"));
 * // give endpoint.secret() to your receiver, create a draft through the API, then:
 * server.signings().send(draft.id());          // or: server.webhooks().emit("signing.sent", Map.of(...))
 * await().until(() -> server.webhooks().deliveries().stream().anyMatch(RecordedDelivery::delivered));
 * }</pre>
 *
 * <p><b>Assumed, not documented.</b> Krebit's pages give the event types, the headers and the
 * signature, not the rest; the fake chooses, and a real tenant may differ: the body is {@code
 * {"id":"evt_…","event":TYPE,"created_at":ISO-8601 instant,"data":{…}}}, where a signing's events
 * carry {@code data.signing_id} (and a document's {@code data.document_id}); ids look like {@code
 * evt_…} and {@code wh_…}; the secret is 43 URL-safe base64 characters; the retry schedule is
 * {@value #DEFAULT_MAX_ATTEMPTS} attempts, the first retry after one second and each next one after
 * twice as long ({@link #retrySchedule}); an attempt waits 10 s for an answer; endpoints are not
 * disabled after repeated failures, although Krebit says it may do so. Endpoints must be HTTPS, or
 * plain HTTP on a loopback address.
 *
 * <p>Registrations are test controls (Krebit's API for creating webhooks is not in the saved
 * pages). {@link FakeKrebitServer#reset()} forgets endpoints, events, the journal and the schedule,
 * and drops retries not yet made. Thread-safe. The journal and the log hold ids and statuses, never
 * a secret, a signature or a body.
 */
public final class FakeWebhooks {
  /**
   * How many times an event is sent to an endpoint at most, unless {@link #retrySchedule} says
   * otherwise.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = WebhookSender.DEFAULT_MAX_ATTEMPTS;

  /**
   * The delay before the first retry, unless {@link #retrySchedule} says otherwise; each next one
   * doubles.
   */
  public static final Duration DEFAULT_FIRST_RETRY_DELAY = WebhookSender.DEFAULT_FIRST_RETRY_DELAY;

  private static final int KEPT_EVENTS = RequestJournal.CAPACITY;

  private final AppRegistry apps;
  private final Clock clock;
  private final WebhookSender sender;
  private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

  /**
   * Events sent, newest last, with the endpoints each went to: what {@link #redeliver} sends again.
   */
  private final LinkedHashMap<String, Sent> sent = new LinkedHashMap<>();

  private record Sent(EmittedEvent event, List<WebhookEndpoint> endpoints) {}

  FakeWebhooks(AppRegistry apps, Clock clock) {
    this.apps = apps;
    this.clock = clock;
    this.sender = new WebhookSender(clock);
  }

  /**
   * Registers {@code url} for every event type, for the app {@code clientId}, with a fresh secret
   * and the {@link WebhookHeaderStyle#X_SIGNATURE} headers.
   *
   * @throws IllegalArgumentException if no app is registered as {@code clientId}, or the URL is
   *     neither HTTPS nor plain HTTP on a loopback address
   */
  public WebhookEndpoint register(String clientId, URI url) {
    return registration(clientId, url).register();
  }

  /**
   * A registration to configure (event types, secret, header style) before {@link
   * Registration#register()}.
   */
  public Registration registration(String clientId, URI url) {
    return new Registration(clientId, url);
  }

  /**
   * Removes an endpoint: it gets no new event; retries already scheduled still run. False if it did
   * not exist.
   */
  public synchronized boolean unregister(String endpointId) {
    return endpoints.remove(requireNonNull(endpointId, "endpointId")) != null;
  }

  /** The registered endpoints, in registration order. */
  public synchronized List<WebhookEndpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  /** {@link #emit(String, Map)} with empty data. */
  public EmittedEvent emit(String type) {
    return emit(type, Map.of());
  }

  /**
   * Sends an event of {@code type} to every endpoint that receives it, at once, as Krebit does when
   * something happens: a test control for events the fake does not raise itself.
   *
   * @param data the body's {@code data} member: strings, numbers, booleans, {@code null}, lists and
   *     maps of those
   * @return the event, with the exact body its deliveries carry
   * @throws IllegalArgumentException if {@code type} is blank or {@code data} holds something else
   */
  public EmittedEvent emit(String type, Map<String, ?> data) {
    requireNonNull(type, "type");
    requireNonNull(data, "data");
    if (type.isBlank()) {
      throw new IllegalArgumentException("an event type must not be blank");
    }
    String id = RandomValues.eventId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("event", type);
    body.put("created_at", clock.instant().toString());
    body.put("data", data);
    EmittedEvent event = new EmittedEvent(id, type, Json.write(body));
    List<WebhookEndpoint> targets;
    synchronized (this) {
      targets = endpoints.values().stream().filter(endpoint -> endpoint.receives(type)).toList();
      if (sent.size() == KEPT_EVENTS) {
        sent.remove(sent.keySet().iterator().next());
      }
      sent.put(id, new Sent(event, targets));
    }
    targets.forEach(endpoint -> sender.send(endpoint, event));
    return event;
  }

  /**
   * Sends an event again, byte for byte, to the endpoints it went to, as Krebit does when it did
   * not see a 2xx in time: a test control for proving that a receiver processes a delivery once.
   *
   * @throws IllegalArgumentException if the fake sent no such event since the last reset
   */
  public void redeliver(String eventId) {
    Sent event;
    synchronized (this) {
      event = sent.get(requireNonNull(eventId, "eventId"));
    }
    if (event == null) {
      throw new IllegalArgumentException(
          "the fake sent no event " + eventId + " since its last reset");
    }
    event.endpoints().forEach(endpoint -> sender.send(endpoint, event.event()));
  }

  /**
   * The events sent since the last reset, oldest first (at most the latest {@value
   * RequestJournal#CAPACITY}): those the fake's signings raised and those a test emitted, whether
   * or not an endpoint was registered for them.
   */
  public synchronized List<EmittedEvent> events() {
    return sent.values().stream().map(Sent::event).toList();
  }

  /** Every delivery attempt, oldest first (at most the latest {@value RequestJournal#CAPACITY}). */
  public List<RecordedDelivery> deliveries() {
    return sender.journal();
  }

  /** The delivery attempts of one event, oldest first. */
  public List<RecordedDelivery> deliveriesOf(String eventId) {
    requireNonNull(eventId, "eventId");
    return deliveries().stream().filter(delivery -> delivery.eventId().equals(eventId)).toList();
  }

  /**
   * How events are retried until {@link FakeKrebitServer#reset()}: at most {@code maxAttempts}
   * attempts, the first retry after {@code firstRetryDelay}, each next one after twice as long (at
   * most an hour). Applies to attempts scheduled from now on.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or the delay negative
   */
  public void retrySchedule(int maxAttempts, Duration firstRetryDelay) {
    requireNonNull(firstRetryDelay, "firstRetryDelay");
    if (maxAttempts < 1 || firstRetryDelay.isNegative()) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1 and firstRetryDelay not negative");
    }
    sender.retrySchedule(maxAttempts, firstRetryDelay);
  }

  /**
   * What the fake's signings call when one changes state ({@link SigningEvents}): sends {@code
   * type} (such as {@code signing.sent}) with the signing's id, and {@code details} beside it, in
   * {@code data}.
   */
  EmittedEvent signingChanged(String signingId, String type, Map<String, ?> details) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("signing_id", requireNonNull(signingId, "signingId"));
    data.putAll(details);
    return emit(type, data);
  }

  synchronized void reset() {
    endpoints.clear();
    sent.clear();
    sender.reset();
  }

  void stop() {
    sender.stop();
  }

  @Override
  public synchronized String toString() {
    return "FakeWebhooks[" + endpoints.size() + " endpoints, " + sent.size() + " events]";
  }

  private synchronized WebhookEndpoint add(WebhookEndpoint endpoint) {
    endpoints.put(endpoint.id(), endpoint);
    return endpoint;
  }

  /**
   * An endpoint being registered: every event type, a fresh secret and {@code X-Signature} unless
   * told otherwise.
   */
  public final class Registration {
    private final String clientId;
    private final URI url;
    private Set<String> events = Set.of();
    private Optional<String> secret = Optional.empty();
    private WebhookHeaderStyle headerStyle = WebhookHeaderStyle.X_SIGNATURE;

    private Registration(String clientId, URI url) {
      this.clientId = requireNonNull(clientId, "clientId");
      this.url = checkUrl(requireNonNull(url, "url"));
    }

    /** Only these event types; none given means every type. */
    public Registration events(String... types) {
      this.events = Set.copyOf(new LinkedHashSet<>(Arrays.asList(types)));
      return this;
    }

    /** This secret rather than a fresh one; at least 8 characters. */
    public Registration secret(String secret) {
      requireNonNull(secret, "secret");
      if (secret.length() < PlantedSecrets.MIN_LENGTH) {
        throw new IllegalArgumentException(
            "a webhook secret needs at least " + PlantedSecrets.MIN_LENGTH + " characters");
      }
      this.secret = Optional.of(secret);
      return this;
    }

    /**
     * Which headers carry the signature and client id; default {@link
     * WebhookHeaderStyle#X_SIGNATURE}.
     */
    public Registration headerStyle(WebhookHeaderStyle headerStyle) {
      this.headerStyle = requireNonNull(headerStyle, "headerStyle");
      return this;
    }

    /**
     * Registers the endpoint.
     *
     * @throws IllegalArgumentException if no app is registered as the client id
     */
    public WebhookEndpoint register() {
      if (apps.find(clientId).isEmpty()) {
        throw new IllegalArgumentException("no app is registered as '" + clientId + "'");
      }
      String chosen = secret.orElseGet(RandomValues::webhookSecret);
      PlantedSecrets.plant(chosen);
      return add(
          new WebhookEndpoint(
              RandomValues.webhookId(), clientId, url, events, chosen, headerStyle));
    }
  }

  private static URI checkUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute()
        || url.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("a webhook URL must be an absolute https URL, was " + url);
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(
          "plain http is for loopback addresses only; use https for " + url.getHost());
    }
    return url;
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name other than localhost: not resolved, so not trusted to be loopback
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
