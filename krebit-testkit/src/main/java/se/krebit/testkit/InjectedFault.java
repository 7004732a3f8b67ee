package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A misbehaviour the fake server plays instead of (or before) its normal answer, for the requests
 * a test names with {@link FakeKrebitServer#failNextTokenRequests} or
 * {@link FakeKrebitServer#failNextApiRequests}. Immutable values made by the static factories.
 *
 * <pre>{@code
 * server.failNextTokenRequests(2, InjectedFault.status(503));
 * server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(3)));
 * server.failNextApiRequests(1, InjectedFault.connectionReset());
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
    public HttpError {
      requireStatus(status);
      requireNonNull(retryAfter, "retryAfter").ifPresent(d -> requireNotNegative(d, "retryAfter"));
    }

    /** The {@code Retry-After} header value: whole seconds, rounded up. */
    public Optional<String> retryAfterHeader() {
      return retryAfter.map(d -> Long.toString(d.plusNanos(999_999_999).getSeconds()));
    }
  }

  /** The normal answer, late by {@code delay} (real time, not the fake's clock). */
  record Latency(Duration delay) implements InjectedFault {
    public Latency {
      requireNotNegative(requireNonNull(delay, "delay"), "delay");
      if (delay.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("delay is too long: " + delay);
      }
    }
  }

  /** The server resets the connection instead of answering. */
  record ConnectionReset() implements InjectedFault {}

  /** A response given verbatim instead of the normal answer. */
  record CannedResponse(int status, String contentType, String body) implements InjectedFault {
    public CannedResponse {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100 to 599, was " + status);
      }
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }

    /** Leaves the body out: tests plant tokens in canned bodies, and journals and logs print faults. */
    @Override
    public String toString() {
      return "CannedResponse[status=" + status + ", contentType=" + contentType + ", " + body.length() + " chars]";
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
