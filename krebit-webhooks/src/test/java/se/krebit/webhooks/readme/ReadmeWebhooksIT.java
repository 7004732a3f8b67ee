package se.krebit.webhooks.readme;

// README:begin webhooks-httpserver
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import se.krebit.webhooks.WebhookEvent;
import se.krebit.webhooks.WebhookEvent.DocumentCompleted;
import se.krebit.webhooks.WebhookEvent.SigningCancelled;
import se.krebit.webhooks.WebhookEvent.SigningSent;
import se.krebit.webhooks.WebhookEvent.UnknownEvent;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookSecret;
import se.krebit.webhooks.WebhookVerifier;
// README:end webhooks-httpserver

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// README:begin webhooks-fake-test
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
// README:end webhooks-fake-test

import jakarta.servlet.ServletContainerInitializer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
// README:begin webhooks-servlet
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import se.krebit.webhooks.servlet.WebhookServlet;
// README:end webhooks-servlet
// README:begin webhooks-any-framework
import se.krebit.webhooks.WebhookHeaders;
import se.krebit.webhooks.WebhookResponse;
// README:end webhooks-any-framework

/** The README's webhook examples, verbatim between the {@code README} markers, run against the fake Krebit. */
class ReadmeWebhooksIT {

  // README:begin webhooks-httpserver
  static HttpServer receiveWebhooks(InetSocketAddress address, WebhookSecret secret, Signings signings)
      throws IOException {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(WebhookVerifier.builder()
            .secret(secret)                        // as Krebit returned it when the webhook was created
            .expectedClientId("your-client-id")    // optional: X-Client-Id must name your app
            .build())
        .handler(delivery -> onEvent(delivery.event(), signings))  // on the receiver's pool, after the 200
        .build();                                  // deduplicates in memory: one node; see below for more
    HttpServer server = HttpServer.create(address, 0);  // e.g. new InetSocketAddress(8080)
    server.createContext("/krebit/webhooks", new WebhookHttpHandler(receiver));
    server.start();
    return server;
  }

  static void onEvent(WebhookEvent event, Signings signings) {
    if (event instanceof SigningSent sent) {
      signings.markSent(sent.signingId().orElseThrow());
    } else if (event instanceof SigningCancelled cancelled) {
      signings.markCancelled(cancelled.signingId().orElseThrow());
    } else if (event instanceof DocumentCompleted completed) {
      signings.archiveSignedCopy(completed.signingId().orElseThrow(), completed.documentId().orElseThrow());
    } else if (event instanceof UnknownEvent unknown) {   // a type Krebit added later: the JSON is all there
      signings.keepForLater(unknown.type(), unknown.payload().json());
    }
  }
  // README:end webhooks-httpserver

  // README:begin webhooks-servlet
  /** In a ServletContainerInitializer, or Spring Boot's ServletRegistrationBean, which does the same. */
  static void register(ServletContext context, WebhookReceiver receiver) {
    ServletRegistration.Dynamic webhooks = context.addServlet("krebit-webhooks", new WebhookServlet(receiver));
    webhooks.addMapping("/krebit/webhooks");
  }
  // README:end webhooks-servlet

  // README:begin webhooks-any-framework
  /** Any other HTTP stack: the raw body (bytes or stream, never parsed first) and the headers in, a status out. */
  static int onPost(WebhookReceiver receiver, Map<String, List<String>> headers, InputStream rawBody) {
    WebhookResponse response = receiver.receive(WebhookHeaders.of(headers), rawBody);
    return response.status();            // 200, or 401/413/400/503 so that Krebit retries a real delivery
  }
  // README:end webhooks-any-framework

  // README:begin webhooks-fake-test
  static final String SECRET = "a-webhook-secret-for-tests";

  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder()
      .app("your-client-id", "your-client-secret")
      .build();

  @Test
  void myEndpointReceivesAndVerifiesSigningSent(FakeKrebitServer krebit) throws Exception {
    Signings signings = new Signings();
    HttpServer app = receiveWebhooks(new InetSocketAddress("127.0.0.1", 0), WebhookSecret.of(SECRET), signings);
    URI endpoint = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/krebit/webhooks");
    krebit.webhooks().registration("your-client-id", endpoint).secret(SECRET).register();

    krebit.webhooks().emit("signing.sent", Map.of("signing_id", "sig-1"));   // signed; retried until a 2xx

    await().atMost(Duration.ofSeconds(10)).until(() -> signings.isSent("sig-1"));
    assertThat(krebit.webhooks().deliveries()).singleElement().matches(RecordedDelivery::delivered);
    app.stop(0);
  }
  // README:end webhooks-fake-test

  @Test
  void everyDocumentedEventReachesItsBranch(FakeKrebitServer krebit) throws Exception {
    Signings signings = new Signings();
    HttpServer app = receiveWebhooks(new InetSocketAddress("127.0.0.1", 0), WebhookSecret.of(SECRET), signings);
    URI endpoint = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/krebit/webhooks");
    krebit.webhooks().registration("your-client-id", endpoint).secret(SECRET).register();

    krebit.webhooks().emit("signing.cancelled", Map.of("signing_id", "sig-2"));
    krebit.webhooks().emit("signing.document.completed", Map.of("signing_id", "sig-3", "document_id", "doc-1"));
    krebit.webhooks().emit("signing.archived", Map.of("signing_id", "sig-4"));

    await().atMost(Duration.ofSeconds(10)).until(() ->
        signings.isCancelled("sig-2") && signings.hasSignedCopy("sig-3", "doc-1") && signings.unknownEvents() == 1);
    app.stop(0);
  }

  @Test
  void theServletRegistrationAndTheAnyFrameworkCallReceiveDeliveries() throws Exception {
    Signings signings = new Signings();
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(WebhookVerifier.builder().secret(SECRET).build())
        .handler(delivery -> onEvent(delivery.event(), signings))
        .executor(Runnable::run)
        .build();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletContainerInitializer initializer = (classes, servletContext) -> register(servletContext, receiver);
    context.addServletContainerInitializer(initializer);
    jetty.setHandler(context);
    jetty.start();
    try {
      String body = "{\"event\":\"signing.sent\",\"id\":\"evt_s\",\"signing_id\":\"sig-servlet\"}";
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/krebit/webhooks"))
          .header("X-Signature", hmacHex(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build();

      assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
      assertThat(signings.isSent("sig-servlet")).isTrue();
    } finally {
      jetty.stop();
    }

    String other = "{\"event\":\"signing.sent\",\"id\":\"evt_o\",\"signing_id\":\"sig-other\"}";
    assertThat(onPost(receiver, Map.of("X-Signature", List.of(hmacHex(other))), new ByteArrayInputStream(other.getBytes(UTF_8))))
        .isEqualTo(200);
    assertThat(onPost(receiver, Map.of("X-Signature", List.of(hmacHex(other + " "))), new ByteArrayInputStream(other.getBytes(UTF_8))))
        .isEqualTo(401);
    assertThat(signings.isSent("sig-other")).isTrue();
    receiver.close();
  }

  private static String hmacHex(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(UTF_8)));
  }
}
