package se.krebit.http.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;
import se.krebit.http.TransportFailure;
import se.krebit.http.TransportFailures;

/**
 * The default {@link HttpTransport}: the JDK {@link HttpClient}, one request, one whole response,
 * body included, within the call deadline, and never more than {@code maxBodyBytes + 1} body bytes
 * read. Failures before the headers (connect, TLS, the deadline) are thrown as the JDK's {@link
 * IOException}s; a response the JDK can't parse, as a {@link TransportFailure} that quotes none of
 * it, its connection closed. This is the transport edge where response bytes enter, and every
 * failure of the JDK client is made safe here. Once the headers are in, the response is returned
 * with its status, and whatever went wrong with the body is its body failure: a body incomplete at
 * the deadline, {@link HttpTimeoutException}; a broken connection, the JDK's exception; a body
 * longer than the cap, cut off there and its connection closed. Deadlines are real elapsed time,
 * not an injected clock: they guard a socket. The calling thread, waiting for the response anyway,
 * keeps the deadline itself: no timer and no thread per call or per JVM. Thread-safe.
 */
public final class JdkHttpTransport implements HttpTransport {
  /** What the JDK refuses to let a caller set. */
  private static final Set<String> RESTRICTED_HEADERS = restrictedHeaders();

  /**
   * Beyond the connect and call timeouts, how long the JDK may take to report an exchange's end.
   */
  private static final long WAIT_GRACE_MILLIS = 2_000;

  private final HttpClient http;

  /**
   * Past the call's deadline, how long the JDK may still take to end an exchange whose headers are
   * not in: its connect timeout (the request timeout starts after it) and a grace period.
   */
  private final long reportGraceNanos;

  private final int maxBodyBytes;
  private volatile @Nullable Prepared lastWithoutBody;

  /**
   * @param http the client that sends, shared by every call
   * @param maxBodyBytes the largest body received whole; one byte more is read to tell it is larger
   */
  public JdkHttpTransport(HttpClient http, int maxBodyBytes) {
    this.http = http;
    this.reportGraceNanos =
        TimeUnit.MILLISECONDS.toNanos(
            http.connectTimeout().map(Duration::toMillis).orElse(0L) + WAIT_GRACE_MILLIS);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The transport {@code config} describes, over a TLS-only JDK client of its own. */
  public static JdkHttpTransport create(HttpConfig config) {
    return new JdkHttpTransport(TlsHttpClients.create(config), config.maxResponseBytes());
  }

  @Override
  public Response send(Request request) throws IOException {
    if (request.body().isPresent()) {
      return send(
          request,
          toHttpRequest(request, HttpRequest.BodyPublishers.ofByteArray(request.body().get())));
    }
    return send(request, withoutBody(request));
  }

  /**
   * {@link #send(Request)} with the body taken from {@code body} instead of the request: for bodies
   * streamed as they are sent, such as a file upload, which a byte array would hold in memory
   * whole. The publisher may be subscribed to more than once by a caller that sends the request
   * again.
   */
  public Response send(Request request, HttpRequest.BodyPublisher body) throws IOException {
    return send(request, toHttpRequest(request, body));
  }

  /**
   * The JDK request of a request without a body, built once while the same prepared URI and header
   * map are sent again (a client's calls of one resource with one token): an {@link HttpRequest} is
   * immutable and may be sent any number of times, at once too.
   */
  private HttpRequest withoutBody(Request request) {
    Prepared last = lastWithoutBody;
    if (last == null
        || last.uri() != request.uri()
        || last.headers() != request.headers()
        || !last.method().equals(request.method())
        || !last.callTimeout().equals(request.callTimeout())) {
      last =
          new Prepared(
              request.uri(),
              request.headers(),
              request.method(),
              request.callTimeout(),
              toHttpRequest(request, HttpRequest.BodyPublishers.noBody()));
      lastWithoutBody = last;
    }
    return last.outgoing();
  }

  /** A request's identity and the JDK request made of it; the headers may hold a bearer token. */
  private record Prepared(
      URI uri,
      Map<String, List<String>> headers,
      String method,
      Duration callTimeout,
      HttpRequest outgoing) {
    @Override
    public String toString() {
      return "Prepared[" + method + " " + uri + "]";
    }
  }

  private Response send(Request request, HttpRequest outgoing) throws IOException {
    // The steps this thread starts (the exchange's first, its last once the body is released, a
    // cancel) run here, as under the JDK's send(), not on a worker: see ExchangeExecutor.
    boolean marked = ExchangeExecutor.markCalling();
    try {
      return exchange(request, outgoing);
    } finally {
      ExchangeExecutor.restore(marked);
    }
  }

  private Response exchange(Request request, HttpRequest outgoing) throws IOException {
    Duration callTimeout = request.callTimeout();
    Exchange exchange = new Exchange(maxBodyBytes, callTimeout);
    // sendAsync(), not send(): only its future can close the connection of a failed exchange (see
    // closeConnectionOf). The JDK's request timeout bounds the wait for the headers; awaitBody the
    // body, from the same start.
    CompletableFuture<HttpResponse<Received>> pending;
    try {
      pending = http.sendAsync(outgoing, exchange);
    } catch (RuntimeException e) {
      throw TransportFailures.safe(e);
    }
    // A failed exchange fails the returned future (after the JDK's hop to another thread); a
    // received body is handed over by the subscriber, without that hop.
    pending.whenComplete(exchange::exchangeEnded);
    try {
      Received received = awaitBody(exchange, callTimeout);
      exchange.release(pending);
      return toResponse(exchange.info(), received);
    } catch (TimeoutException e) {
      // The JDK's own timers should have ended the exchange long before; if a thread of its died
      // mid-exchange, nothing ever will: the call still ends, as a read timeout.
      closeConnectionOf(pending);
      throw new HttpTimeoutException("no response within the read timeout");
    } catch (ExecutionException | RuntimeException e) {
      closeConnectionOf(pending);
      IOException failure = TransportFailures.safe(e);
      @Nullable ResponseInfo headers = exchange.headers;
      if (headers == null) {
        throw failure;
      }
      // The JDK may fail the whole exchange for a body it could not frame (a malformed
      // Content-Length, say): the status and headers came first, request_id among them.
      return toResponse(headers, new Received(new byte[0], failure));
    } catch (InterruptedException e) {
      closeConnectionOf(pending);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the response");
    }
  }

  /**
   * Waits for the body, or the exchange's failure, until the deadline; past it, cuts off a body
   * being received (the response then carries its status and a timeout as its body's failure), and
   * waits on for the JDK to end an exchange whose headers are not in: its own request timeout ends
   * that one, as a failure. Waiting, this thread reads the response itself when the selector hands
   * that over (see ExchangeExecutor).
   */
  private Received awaitBody(Exchange exchange, Duration callTimeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExchangeExecutor executor = ExchangeExecutor.shared();
    if (callTimeout.isZero() || callTimeout.isNegative()) {
      return executor.await(exchange.outcome, Long.MAX_VALUE); // no limit the JDK keeps either
    }
    try {
      return executor.await(exchange.outcome, exchange.deadline - System.nanoTime());
    } catch (TimeoutException pastDeadline) {
      exchange.expire();
      return executor.await(
          exchange.outcome, exchange.deadline + reportGraceNanos - System.nanoTime());
    }
  }

  /**
   * Closes the connection of a failed exchange. The JDK client (17, and 25 too) leaves a connection
   * open, for as long as the client lives, when it can't parse a status line or a header, or when a
   * Content-Length is malformed: its header parser fails the exchange without closing the
   * connection, which no longer belongs to any exchange or to the pool, so nothing ever reads its
   * end-of-stream (one descriptor in CLOSE_WAIT per such response; JDK 17 keeps it even after the
   * client is collected). Cancelling the exchange is the one public way to reach that connection: a
   * future derived from the one {@code sendAsync} returned cancels the exchange (HttpClient's
   * {@code sendAsync} implementation note), and a cancelled HTTP/1.1 exchange closes its connection
   * unless its response was received whole. A future derived now, still incomplete, is what can be
   * cancelled once the returned one has failed.
   */
  private static void closeConnectionOf(CompletableFuture<?> pending) {
    pending.newIncompleteFuture().cancel(true);
  }

  private static HttpRequest toHttpRequest(Request request, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri());
    Duration callTimeout = request.callTimeout();
    if (!callTimeout.isZero() && !callTimeout.isNegative()) {
      builder.timeout(callTimeout); // bounds the wait for the headers; awaitBody, the body
    }
    boolean accept = false;
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      if (RESTRICTED_HEADERS.contains(name)) {
        continue;
      }
      accept |= name.equalsIgnoreCase("Accept");
      for (String value : header.getValue()) {
        builder.header(name, value);
      }
    }
    if (!accept) {
      builder.header("Accept", "*/*");
    }
    return builder.method(request.method(), body).build();
  }

  private static Response toResponse(ResponseInfo response, Received body) {
    return new Response(
        response.statusCode(),
        response.headers().map(),
        body.bytes(),
        Optional.ofNullable(body.failure()));
  }

  private static Set<String> restrictedHeaders() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(Set.of("connection", "content-length", "expect", "host", "upgrade"));
    return names;
  }

  /** A body as received: whole, or the bytes read before {@code failure}. */
  record Received(byte[] bytes, @Nullable IOException failure) {}

  /**
   * One exchange's body handler: receives the body, whole if it is within the cap, else its first
   * {@code maxBodyBytes + 1} bytes; once the exchange's deadline has passed, {@link #expire} aborts
   * it, or {@link #apply} does if the headers come later. The JDK calls {@link #apply} once per
   * response.
   */
  private static final class Exchange implements HttpResponse.BodyHandler<Received> {
    private final int maxBodyBytes;
    private final Duration callTimeout;
    final long deadline;

    /** The status line and headers, once they are in. */
    volatile @Nullable ResponseInfo headers;

    /** The body as received, or the exchange's failure: what the calling thread waits for. */
    final CompletableFuture<Received> outcome = new CompletableFuture<>();

    private volatile @Nullable CappedSubscriber subscriber;

    /** Set once the deadline has passed: a body received from then on is aborted. */
    private volatile boolean expired;

    Exchange(int maxBodyBytes, Duration callTimeout) {
      this.maxBodyBytes = maxBodyBytes;
      this.callTimeout = callTimeout;
      this.deadline = System.nanoTime() + callTimeout.toNanos();
    }

    @Override
    public BodySubscriber<Received> apply(ResponseInfo response) {
      headers = response;
      long declared = declaredLength(response);
      CappedSubscriber created = new CappedSubscriber(maxBodyBytes, declared, callTimeout, outcome);
      subscriber = created;
      // read after the subscriber is published; expire() writes the flag before reading it
      if (expired) {
        created.abort();
      }
      return created;
    }

    /**
     * The declared Content-Length; -1 when absent or malformed (the JDK then fails the exchange).
     */
    private static long declaredLength(ResponseInfo response) {
      // The JDK's header map ignores case; firstValueAsLong would run a stream per response.
      List<String> values = response.headers().map().get("Content-Length");
      if (values == null || values.isEmpty()) {
        return -1;
      }
      try {
        return Long.parseLong(values.get(0));
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** Set before the body is received: the headers come first. */
    ResponseInfo info() {
      return Objects.requireNonNull(headers, "response headers");
    }

    /** Fails the outcome with the exchange's failure; a completed exchange was received already. */
    void exchangeEnded(@Nullable HttpResponse<Received> response, @Nullable Throwable failure) {
      if (failure != null) {
        outcome.completeExceptionally(failure);
      }
    }

    /**
     * Lets the JDK finish the exchange of a received body on the calling thread. {@code pending} is
     * completed first, so that when the JDK completes its own future, the dependent stage it added
     * in {@code sendAsync} (a hop to {@code CompletableFuture}'s default executor: a new thread per
     * call on fewer than 3 cores) finds nothing left to do and is never run on another thread.
     * Until now the JDK's future could not complete: it waits for the body this completes.
     */
    void release(CompletableFuture<HttpResponse<Received>> pending) {
      pending.complete(null);
      CappedSubscriber current = subscriber;
      if (current != null) {
        current.release();
      }
    }

    /** The deadline has passed: aborts the body being received, or the one still to come. */
    void expire() {
      expired = true;
      CappedSubscriber current = subscriber;
      if (current != null) {
        current.abort();
      }
    }
  }

  /**
   * Collects the body into one array; once more than the cap has arrived it cancels the
   * subscription, so the rest is never read. What it received goes to the exchange's outcome, for
   * the calling thread; the body the JDK waits for is completed by {@link #release}, on the calling
   * thread. A failure is part of what was received: the headers are in, and the caller gets the
   * status with the failure. The JDK calls {@code on*} one at a time.
   */
  private static final class CappedSubscriber implements BodySubscriber<Received> {
    private final CompletableFuture<Received> body = new CompletableFuture<>();
    private final CompletableFuture<Received> outcome;
    private final Duration callTimeout;
    private final BoundedBuffer buffer;
    private volatile Flow.@Nullable Subscription subscription;

    CappedSubscriber(
        int maxBodyBytes,
        long declared,
        Duration callTimeout,
        CompletableFuture<Received> outcome) {
      this.callTimeout = callTimeout;
      this.outcome = outcome;
      this.buffer = new BoundedBuffer(declared, maxBodyBytes + 1);
    }

    @Override
    public CompletionStage<Received> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (outcome.isDone()) {
        subscription.cancel(); // aborted before the body started
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (outcome.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        buffer.put(item);
        if (buffer.isFull()) {
          cancelSubscription();
          outcome.complete(
              new Received(
                  buffer.toArray(),
                  new IOException(
                      "the response body is larger than the limit; the rest was not read")));
          return;
        }
      }
    }

    @Override
    public void onError(Throwable failure) {
      outcome.complete(new Received(buffer.toArray(), TransportFailures.safe(failure)));
    }

    @Override
    public void onComplete() {
      outcome.complete(new Received(buffer.toArray(), null));
    }

    /** Fails the body as not received in time and closes its connection. */
    void abort() {
      // The bytes so far are the JDK thread's to touch: the reader gets none of them, only the
      // failure.
      outcome.complete(
          new Received(
              new byte[0],
              new HttpTimeoutException(
                  "response body not received within " + callTimeout.toMillis() + " ms")));
      cancelSubscription();
    }

    /** Hands the JDK the body it waits for, once the calling thread has it. */
    void release() {
      body.complete(outcome.join());
    }

    private void cancelSubscription() {
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
