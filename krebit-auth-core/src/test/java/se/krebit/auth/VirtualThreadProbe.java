package se.krebit.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * The child JVM of {@link VirtualThreadPinningIT}, run on JDK 21 or newer: thousands of virtual
 * threads call {@code token()} and {@code tokenAsync().toCompletableFuture().join()} on one source
 * whose token endpoint, a loopback HTTP server, answers slowly, issues ten-second tokens and fails
 * for a while, while JFR records every {@code jdk.VirtualThreadPinned} event (threshold 0). A
 * control thread parks in a class initializer, which pins on every JDK so far, to show that the
 * recording sees pinning. It prints its findings as {@code KEY value} lines; compiled for Java 17,
 * it reaches the virtual-thread API by reflection.
 */
public final class VirtualThreadProbe {
  // Long enough that a request slowed by a loaded machine still brings a usable token.
  static final Duration LIFETIME = Duration.ofSeconds(10);
  // Longer than the refresh-ahead margin (a tenth of the life): callers meet the first expiry and
  // wait.
  static final Duration ENDPOINT_DELAY = Duration.ofMillis(1_200);
  static final Duration RUN = Duration.ofSeconds(16);
  // The endpoint answers 503 in this part of the run, and the token is invalidated as it starts, as
  // after a 401: callers get typed errors (the failure paths run on virtual threads too) until it
  // recovers.
  static final Duration OUTAGE_FROM = Duration.ofSeconds(11);
  static final Duration OUTAGE_UNTIL = Duration.ofSeconds(13);

  /**
   * After the outage, failures may still be served fast this long: the longest backoff and a
   * request.
   */
  static final Duration RECOVERY = Duration.ofSeconds(2);

  static final int CALLERS = 4_000;
  static final String PINNED_EVENT = "jdk.VirtualThreadPinned";

  private VirtualThreadProbe() {}

  /**
   * Args: the JFR file to write. Exits 0 after printing its findings; non-zero if it could not run.
   */
  public static void main(String[] args) {
    try {
      probe(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(2);
    }
    System.exit(0); // the token request pool's and the scheduler's daemon threads need no wait
  }

  private static void probe(String[] args) throws Exception {
    Path jfr = Path.of(args[0]);
    PrintStream out = System.out;
    out.println("JAVA_VERSION " + Runtime.version());
    AtomicInteger requests = new AtomicInteger();
    long started = System.nanoTime();
    HttpServer server = slowTokenServer(requests, started);
    try (Recording recording = new Recording()) {
      recording.enable(PINNED_EVENT).withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      Findings findings = run(server, out, started);
      pinInAClassInitializer();
      recording.stop();
      recording.dump(jfr);
      out.println("CALLS " + findings.calls.get());
      out.println("ASYNC_CALLS " + findings.asyncCalls.get());
      out.println("EXPIRED " + findings.expired.get());
      out.println("ERRORS " + findings.errors.get());
      out.println("OUTAGE_ERRORS " + findings.outageErrors.get());
      out.println("WAITS " + findings.waits.get());
      out.println("REQUESTS " + requests.get());
      report(jfr, out);
    } finally {
      server.stop(0);
    }
    out.flush();
  }

  private static Findings run(HttpServer server, PrintStream out, long started) throws Exception {
    Findings findings = new Findings();
    RefreshPolicy policy =
        RefreshPolicy.custom()
            .acquireTimeout(Duration.ofSeconds(20))
            .minRetryDelay(Duration.ofMillis(200))
            .maxRetryDelay(Duration.ofSeconds(1))
            .build();
    ClientCredentialsTokenSource tokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(
                new LoopbackEndpoint(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token")))
            .client(ClientCredentials.of("probe", "probe-secret"))
            .executor(TokenRequestPool.create(4))
            .refreshPolicy(policy)
            .listener(
                new TokenListener() {
                  @Override
                  public void callerWaited(String grantType, Duration waited) {
                    findings.waits.incrementAndGet();
                  }
                })
            .build();
    // Served until expiry less a tenth of its life: a call that began later must not get it.
    long usableMargin = LIFETIME.toMillis() / 10;
    long end = started + RUN.toNanos();
    long outageFrom = started + OUTAGE_FROM.toNanos();
    long recovered = started + OUTAGE_UNTIL.plus(RECOVERY).toNanos();
    ExecutorService virtualThreads =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    List<java.util.concurrent.Future<?>> callers = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      boolean async = i % 2 == 0;
      callers.add(
          virtualThreads.submit(
              () -> {
                while (System.nanoTime() < end) {
                  long startedAt = System.currentTimeMillis();
                  try {
                    AccessToken token =
                        async ? tokens.tokenAsync().toCompletableFuture().join() : tokens.token();
                    findings.calls.incrementAndGet();
                    if (async) {
                      findings.asyncCalls.incrementAndGet();
                    }
                    if (startedAt >= token.expiresAt().toEpochMilli() - usableMargin) {
                      findings.expired.incrementAndGet();
                    }
                    if (ThreadLocalRandom.current().nextInt(200_000) == 0) {
                      tokens.invalidate(
                          token); // as after a 401: callers then wait for the slow endpoint
                    }
                  } catch (RuntimeException e) {
                    Throwable failure =
                        e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    long failedAt = System.nanoTime();
                    if (failure instanceof KrebitException
                        && failedAt >= outageFrom
                        && failedAt < recovered) {
                      findings.outageErrors.incrementAndGet();
                    } else if (findings.errors.getAndIncrement() < 5) {
                      out.println(
                          "ERROR " + (System.nanoTime() - started) / 1_000_000 + " ms: " + e);
                    }
                  }
                  LockSupport.parkNanos(
                      TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 40)));
                }
                return null;
              }));
    }
    LockSupport.parkNanos(outageFrom - System.nanoTime());
    try {
      tokens.invalidate(tokens.token());
    } catch (KrebitException alreadyFailing) {
      // the refresh met the outage first: callers see it fail anyway
    }
    for (java.util.concurrent.Future<?> caller : callers) {
      caller.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }
    virtualThreads.shutdown();
    return findings;
  }

  /** The control: a virtual thread that parks in a class initializer, where it can't unmount. */
  private static void pinInAClassInitializer() throws Exception {
    ExecutorService virtualThreads =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    virtualThreads.submit(() -> PinsWhileInitializing.READY).get(30, TimeUnit.SECONDS);
    virtualThreads.shutdown();
  }

  /**
   * Prints each pinning event: the control's as {@code PINNED_CONTROL}, any other with its frames.
   */
  private static void report(Path jfr, PrintStream out) throws IOException {
    int control = 0;
    int other = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
      if (!event.getEventType().getName().equals(PINNED_EVENT)) {
        continue;
      }
      List<RecordedFrame> frames =
          event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
      boolean isControl =
          frames.stream()
              .anyMatch(
                  f ->
                      f.getMethod()
                          .getType()
                          .getName()
                          .equals(PinsWhileInitializing.class.getName()));
      if (isControl) {
        control++;
        continue;
      }
      other++;
      out.println("PINNED_EVENT " + event.getDuration().toNanos() + " ns");
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        out.println(frameKind(type) + " " + type + "." + frame.getMethod().getName());
      }
    }
    out.println("PINNED_CONTROL " + control);
    out.println("PINNED_OTHER " + other);
  }

  /**
   * The probe's own frames are not the library's: its callers' first use of a class (the JVM
   * resolving it while thousands of them reach the same line) pins in the probe's code, which
   * {@code PINNED_FRAME_PROBE} tells apart from a pinning in {@code se.krebit} main code.
   */
  private static String frameKind(String type) {
    if (type.startsWith(VirtualThreadProbe.class.getName())) {
      return "PINNED_FRAME_PROBE";
    }
    return type.startsWith("se.krebit.") ? "PINNED_FRAME_KREBIT" : "PINNED_FRAME";
  }

  /** A token endpoint on loopback that answers each request after {@link #ENDPOINT_DELAY}. */
  private static HttpServer slowTokenServer(AtomicInteger requests, long started)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          int n = requests.incrementAndGet();
          LockSupport.parkNanos(ENDPOINT_DELAY.toNanos());
          long at = System.nanoTime() - started;
          boolean down = at >= OUTAGE_FROM.toNanos() && at < OUTAGE_UNTIL.toNanos();
          byte[] body = (down ? "down" : "probe-token-" + n).getBytes(UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(down ? 503 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "probe-token-server");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return server;
  }

  /** Asks the loopback server for a token; its body is the token, living {@link #LIFETIME}. */
  private static final class LoopbackEndpoint implements TokenEndpoint {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    LoopbackEndpoint(URI uri) {
      this.uri = uri;
    }

    @Override
    public TokenResponse exchange(ClientCredentials client, Grant grant) {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grant.grantType()))
              .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new TokenEndpointUnavailableException(
              "the probe's endpoint answered " + response.statusCode(),
              response.statusCode(),
              null,
              null,
              null);
        }
        String token = response.body();
        return new TokenResponse(token, LIFETIME, Optional.empty(), Set.of(), Optional.empty());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class Findings {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong asyncCalls = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong outageErrors = new AtomicLong();
    final AtomicLong waits = new AtomicLong();
  }

  /** Parks while the JVM initializes it: a virtual thread there is pinned. */
  private static final class PinsWhileInitializing {
    static final Instant READY;

    static {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      READY = Instant.now();
    }
  }
}
