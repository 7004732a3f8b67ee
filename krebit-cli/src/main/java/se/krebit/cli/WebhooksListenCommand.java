package se.krebit.cli;

import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookListener;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookRejection;
import se.krebit.webhooks.WebhookSecret;
import se.krebit.webhooks.WebhookVerifier;

/**
 * {@code krebit webhooks listen}: an endpoint on 127.0.0.1 that verifies each delivery and prints
 * it, for trying an integration out, as the {@code listen} commands of payment SDKs do.
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "Listen on 127.0.0.1:PORT (any path) for Krebit's webhook deliveries: verify each, answer as a receiver of"
          + " this library does (200 when verified, 401 for a bad signature, 413, 400), and print it: the event"
          + " type, ids, which secret signed, and the JSON as it came. A retry of a delivery already printed is"
          + " acknowledged and marked duplicate.",
      "Only 127.0.0.1 is bound: to let Krebit reach it, put an HTTPS tunnel or proxy in front. Everything printed"
          + " that came from the network is escaped of control characters. Stop with Ctrl-C, or use --count."
    })
final class WebhooksListenCommand extends KrebitCommand {
  @Mixin WebhookSecretOptions secrets;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description =
          "The port to listen on; default ${DEFAULT-VALUE}: a free one, printed at start.")
  int port;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "Refuse deliveries whose X-Client-Id is not ID (your Krebit application's client id).")
  @Nullable String clientId;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N deliveries, verified or refused; default: run until stopped.")
  @Nullable Integer count;

  @Option(
      names = "--no-body",
      description = "Print the summary line of each delivery only, not its JSON.")
  boolean noBody;

  @Override
  void run() throws InterruptedException {
    if (count != null && count < 1) {
      throw new KrebitConfigurationException("--count must be at least 1; got " + count);
    }
    List<WebhookSecret> given = secrets.secrets(environment());
    WebhookVerifier.Builder verifier = WebhookVerifier.builder();
    given.forEach(verifier::secret);
    if (clientId != null) {
      verifier.expectedClientId(clientId);
    }
    CountDownLatch done = new CountDownLatch(count == null ? Integer.MAX_VALUE : count);
    DeliveryPrinter printer = new DeliveryPrinter(out());
    try (WebhookReceiver receiver =
        WebhookReceiver.builder()
            .verifier(verifier.build())
            .executor(Runnable::run) // printed in the order they come, each before it is answered
            .handler(
                delivery -> {
                  printer.verified("verified", delivery, !noBody);
                  done.countDown();
                })
            .listener(
                new WebhookListener() {
                  @Override
                  public void rejected(WebhookRejection rejection) {
                    printer.refused(rejection);
                    done.countDown();
                  }

                  @Override
                  public void duplicate(VerifiedDelivery delivery) {
                    printer.duplicate(delivery);
                    done.countDown();
                  }
                })
            .build()) {
      HttpServer server = listen(receiver);
      try {
        out()
            .printf(
                "Listening for Krebit webhooks on http://127.0.0.1:%d/ (%d secret%s%s); %s%n",
                server.getAddress().getPort(),
                given.size(),
                given.size() == 1 ? "" : "s",
                clientId == null ? "" : ", client id " + clientId,
                count == null
                    ? "Ctrl-C to stop"
                    : "stopping after " + count + " deliver" + (count == 1 ? "y" : "ies"));
        out().flush();
        done.await();
      } finally {
        server.stop(1); // lets the answer to the last delivery go out (returns as soon as it has)
        if (server.getExecutor() instanceof ExecutorService threads) {
          threads.shutdown();
        }
      }
    }
  }

  private HttpServer listen(WebhookReceiver receiver) {
    ExecutorService executor = LoopbackServer.threads("krebit-webhooks-listener", 4);
    HttpServer server = LoopbackServer.unbound(executor);
    server.createContext("/", new WebhookHttpHandler(receiver));
    LoopbackServer.listen(server, executor, port, "webhooks");
    return server;
  }
}
