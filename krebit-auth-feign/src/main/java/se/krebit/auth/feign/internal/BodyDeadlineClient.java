package se.krebit.auth.feign.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import se.krebit.auth.internal.DefaultScheduler;

/**
 * A Feign {@link Client} decorator that bounds the time to receive a response body. The JDK
 * client's request timeout stops at the response headers; a server that then trickles or stalls the
 * body would otherwise hold the caller forever. After the read timeout the body stream is closed
 * and the read fails with {@link HttpTimeoutException}, a retryable transport failure.
 *
 * <p>Deadlines are real elapsed time, not the injected clock: they guard a socket. Thread-safe.
 */
public final class BodyDeadlineClient implements Client {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Client delegate;
  private final Duration readTimeout;

  /**
   * @param delegate the client that sends the request
   * @param readTimeout the longest wait for the whole body once the headers arrived
   */
  public BodyDeadlineClient(Client delegate, Duration readTimeout) {
    this.delegate = delegate;
    this.readTimeout = readTimeout;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Response response = delegate.execute(request, options);
    Response.Body body = response.body();
    if (body == null) {
      return response;
    }
    InputStream guarded = new DeadlineInputStream(body.asInputStream(), readTimeout);
    return response.toBuilder().body(guarded, body.length()).build();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, DefaultScheduler.daemon("krebit-read-deadline"));
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.MINUTES);
    timer.allowCoreThreadTimeOut(true); // no thread lingers while no request is running
    return timer;
  }

  /** Fails every read once its deadline has passed, whatever the underlying stream returned. */
  private static final class DeadlineInputStream extends FilterInputStream {
    private final Duration limit;
    private final ScheduledFuture<?> deadline;
    private volatile boolean expired;

    DeadlineInputStream(InputStream in, Duration limit) {
      super(in);
      this.limit = limit;
      this.deadline = TIMER.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int read() throws IOException {
      try {
        return checked(super.read());
      } catch (IOException e) {
        throw expired ? timeout() : e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return checked(super.read(buffer, offset, length));
      } catch (IOException e) {
        throw expired ? timeout() : e;
      }
    }

    @Override
    public void close() throws IOException {
      deadline.cancel(false);
      super.close();
    }

    private int checked(int result) throws IOException {
      if (expired) {
        throw timeout(); // a stream closed by the deadline may report a clean end: never trust it
      }
      return result;
    }

    private void expire() {
      expired = true;
      try {
        in.close();
      } catch (IOException e) {
        // the reader fails with a timeout anyway
      }
    }

    private HttpTimeoutException timeout() {
      return new HttpTimeoutException(
          "response body not received within " + limit.toMillis() + " ms");
    }
  }
}
