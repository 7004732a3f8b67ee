package se.krebit.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
import se.krebit.testkit.WebhookEndpoint;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookListener;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookRejection;
import se.krebit.webhooks.WebhookVerifier;

/**
 * The demo's webhook receiver: the JDK's HTTP server on loopback with the library's receiver behind
 * it, registered with the fake Krebit server, which signs and delivers to it the events its
 * signings raise.
 */
final class WebhookDemo implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final FakeKrebitServer krebit;
  private final HttpServer http;
  private final WebhookReceiver receiver;
  private final WebhookEndpoint endpoint;
  private final CompletableFuture<VerifiedDelivery> received = new CompletableFuture<>();
  private final List<WebhookRejection> rejections = new CopyOnWriteArrayList<>();

  /** A delivery the receiver verified, and the fake's record of the attempt. */
  record Delivered(EmittedEvent event, VerifiedDelivery delivery, RecordedDelivery attempt) {}

  /** A tampered delivery: the status it got and the receiver's typed rejection. */
  record Refused(int status, WebhookRejection rejection) {}

  private WebhookDemo(FakeKrebitServer krebit, String clientId) throws IOException {
    this.krebit = krebit;
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/krebit/webhooks");
    this.endpoint = krebit.webhooks().registration(clientId, url).events("signing.sent").register();
    this.receiver =
        WebhookReceiver.builder()
            .verifier(
                WebhookVerifier.builder()
                    .secret(endpoint.secret())
                    .expectedClientId(clientId)
                    .build())
            .handler(received::complete)
            .listener(
                new WebhookListener() {
                  @Override
                  public void rejected(WebhookRejection rejection) {
                    rejections.add(rejection);
                  }
                })
            .build();
    http.createContext("/krebit/webhooks", new WebhookHttpHandler(receiver));
    http.start();
  }

  /**
   * Listens, and registers the endpoint with {@code krebit} for {@code signing.sent}, with a fresh
   * secret.
   */
  static WebhookDemo start(FakeKrebitServer krebit, String clientId) throws IOException {
    return new WebhookDemo(krebit, clientId);
  }

  URI url() {
    return endpoint.url();
  }

  /**
   * Sends the draft {@code signingId} with the fake's test control, which makes the fake raise and
   * deliver {@code signing.sent}; what the receiver verified.
   */
  Delivered send(String signingId) throws Exception {
    krebit.signings().send(signingId);
    List<EmittedEvent> events =
        krebit.webhooks().events(); // the send raised its event before it returned
    EmittedEvent event = events.get(events.size() - 1);
    VerifiedDelivery delivery = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (krebit.webhooks().deliveriesOf(event.id()).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(
          10); // the fake journals the attempt once it has the answer, just after the handler ran
    }
    return new Delivered(event, delivery, krebit.webhooks().deliveriesOf(event.id()).get(0));
  }

  /** The same body with one byte changed after signing, POSTed with the original signature. */
  Refused tampered(EmittedEvent event) throws Exception {
    byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
    String signature = hmacHex(body);
    body[body.length / 2] ^= 0x01;
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(WAIT)
            .header("Content-Type", "application/json")
            .header("X-Signature", signature)
            .header("X-Client-Id", endpoint.clientId())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status =
        HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.discarding())
            .statusCode();
    return new Refused(status, rejections.get(rejections.size() - 1));
  }

  /** What the fake signs with, computed here as anyone holding the secret could. */
  private String hmacHex(byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(endpoint.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Override
  public void close() {
    http.stop(0);
    receiver.close();
  }
}
