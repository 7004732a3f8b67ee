package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A misbehaviour the fake server plays instead of (or before) its normal answer, for the requests a
 * test names with {@link FakeKrebitServer#failNextTokenRequests} or {@link
 * FakeKrebitServer#failNextApiRequests}. Immutable values made by the static factories.
 *
 * <pre>{@code
 * server.failNextTokenRequests(2, InjectedFault.status(503));
 * server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(3)));
 * server.failNextApiRequests(1, InjectedFault.connectionReset());
 * server.failNextApiRequests(1, InjectedFault.disconnect(InjectedFault.Disconnect.Kind.MALFORMED_CHUNK));
 * server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Instant.now().plusSeconds(2)));
 * }</pre>
 */
public sealed interface InjectedFault {
  /** An HTTP error status such as 500, 502, 503 or 504, with a short {@code text/plain} body. */
  static InjectedFault status(int status) {
    return new HttpError(status, Optional.empty());
  }

  /** An HTTP error status with a {@code Retry-After} header, in whole seconds (rounded up). */
  static InjectedFault status(int status, Duration retryAfter) {
    return new HttpError(status, Optional.of(retryAfter));
  }

  /** 429 Too Many Requests with {@code Retry-After}, in whole seconds (rounded up). */
  static InjectedFault tooManyRequests(Duration retryAfter) {
    return status(429, retryAfter);
  }

  /**
   * An HTTP error status with {@code Retry-After} as an HTTP-date (RFC 9110 §10.2.3), such as
   * {@code Sun, 01 Mar 2026 12:00:01 GMT}: {@code retryAt} rounded up to the whole second.
   */
  static InjectedFault status(int status, Instant retryAt) {
    return new HttpErrorUntil(status, retryAt);
  }

  /**
   * 429 Too Many Requests with {@code Retry-After} as an HTTP-date; see {@link #status(int,
   * Instant)}.
   */
  static InjectedFault tooManyRequests(Instant retryAt) {
    return status(429, retryAt);
  }

  /** The normal answer, sent after {@code delay} of real time. */
  static InjectedFault delay(Duration delay) {
    return new Latency(delay);
  }

  /**
   * The connection is reset (TCP RST) without any response. Mind that HTTP clients may retry an
   * idempotent request after a reset by themselves (the JDK's {@code HttpClient} retries a GET
   * once), which takes the next scripted fault, if any.
   */
  static InjectedFault connectionReset() {
    return new ConnectionReset();
  }

  /**
   * The connection breaks in one of the ways WireMock stages: mid-body, with garbage instead of
   * HTTP, or closed without a byte. Like a reset, an HTTP client may repeat an idempotent request
   * by itself.
   */
  static InjectedFault disconnect(Disconnect.Kind kind) {
    return new Disconnect(kind);
  }

  /**
   * The normal answer, its headers at once and its body cut into {@code chunks} pieces spread over
   * {@code over} of real time (chunked transfer encoding): a body that trickles in.
   */
  static InjectedFault dribbledBody(Duration over, int chunks) {
    return new DribbledBody(over, chunks);
  }

  /** Exactly this response, for example an HTML error page from a proxy. */
  static InjectedFault response(int status, String contentType, String body) {
    return new CannedResponse(status, contentType, body);
  }

  /**
   * An HTTP error status instead of the normal answer.
   *
   * @param status 400 to 599
   * @param retryAfter the {@code Retry-After} header to send, if any; not negative
   */
  record HttpError(int status, Optional<Duration> retryAfter) implements InjectedFault {
    /**
     * Checks that {@code status} is an HTTP error and {@code retryAfter}, if any, is not negative.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public HttpError {
      requireStatus(status);
      requireNonNull(retryAfter, "retryAfter").ifPresent(d -> requireNotNegative(d, "retryAfter"));
    }

    /** The {@code Retry-After} header value: whole seconds, rounded up. */
    public Optional<String> retryAfterHeader() {
      return retryAfter.map(d -> Long.toString(d.plusNanos(999_999_999).getSeconds()));
    }
  }

  /**
   * An HTTP error status instead of the normal answer, with {@code Retry-After} as an HTTP-date.
   *
   * @param status 400 to 599
   * @param retryAt the instant the header names, rounded up to the whole second
   */
  record HttpErrorUntil(int status, Instant retryAt) implements InjectedFault {
    private static final DateTimeFormatter IMF_FIXDATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * Checks that {@code status} is an HTTP error, 400 to 599.
     *
     * @throws IllegalArgumentException if it is not
     */
    public HttpErrorUntil {
      requireStatus(status);
      requireNonNull(retryAt, "retryAt");
    }

    /**
     * The {@code Retry-After} header value, an IMF-fixdate such as {@code Sun, 01 Mar 2026 12:00:01
     * GMT}.
     */
    public String retryAfterHeader() {
      Instant whole =
          retryAt.getNano() == 0 ? retryAt : retryAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      return IMF_FIXDATE.format(whole);
    }
  }

  /** The normal answer, late by {@code delay} (real time, not the fake's clock). */
  record Latency(Duration delay) implements InjectedFault {
    /**
     * Checks that {@code delay} is neither negative nor longer than {@code Integer.MAX_VALUE} ms.
     *
     * @throws IllegalArgumentException if it is negative or longer
     */
    public Latency {
      requireNotNegative(requireNonNull(delay, "delay"), "delay");
      if (delay.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("delay is too long: " + delay);
      }
    }
  }

  /** The server resets the connection instead of answering. */
  record ConnectionReset() implements InjectedFault {}

  /** The connection breaks instead of carrying a whole response. */
  record Disconnect(Kind kind) implements InjectedFault {
    /** Requires the kind of break. */
    public Disconnect {
      requireNonNull(kind, "kind");
    }

    /** How the connection breaks. */
    public enum Kind {
      /**
       * Status line and headers of a 200 arrive, then a garbled body chunk, then the connection
       * closes.
       */
      MALFORMED_CHUNK,
      /** Bytes that are not HTTP arrive, then the connection closes. */
      RANDOM_DATA_THEN_CLOSE,
      /** The connection closes without a byte of response. */
      EMPTY_RESPONSE
    }
  }

  /**
   * The normal answer with its body in {@code chunks} pieces spread over {@code over} (real time).
   *
   * @param over 1 ms or more, up to {@code Integer.MAX_VALUE} ms
   * @param chunks 1 or more
   */
  record DribbledBody(Duration over, int chunks) implements InjectedFault {
    /**
     * Checks that {@code over} is 1 ms to {@code Integer.MAX_VALUE} ms and {@code chunks} at least
     * 1.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public DribbledBody {
      requireNotNegative(requireNonNull(over, "over"), "over");
      if (over.isZero() || over.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("over must be 1 ms to 2^31 ms, was " + over);
      }
      if (chunks < 1) {
        throw new IllegalArgumentException("chunks must be at least 1, was " + chunks);
      }
    }
  }

  /** A response given verbatim instead of the normal answer. */
  record CannedResponse(int status, String contentType, String body) implements InjectedFault {
    /**
     * Checks that {@code status} is 100 to 599, any status a test may want to see handled; requires
     * the other members.
     *
     * @throws IllegalArgumentException if {@code status} is out of range
     */
    public CannedResponse {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100 to 599, was " + status);
      }
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }

    /**
     * Leaves the body out: tests plant tokens in canned bodies, and journals and logs print faults.
     */
    @Override
    public String toString() {
      return "CannedResponse[status="
          + status
          + ", contentType="
          + contentType
          + ", "
          + body.length()
          + " chars]";
    }
  }

  private static void requireStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP error, 400 to 599, was " + status);
    }
  }

  private static void requireNotNegative(Duration duration, String name) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }
}
