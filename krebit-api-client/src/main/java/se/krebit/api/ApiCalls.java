package se.krebit.api;

import feign.DefaultInvocationHandlerFactory;
import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.InvocationHandlerFactory.MethodHandler;
import feign.Request;
import feign.RetryableException;
import feign.Target;
import feign.codec.DecodeException;
import feign.codec.EncodeException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.RedactingLogger;
import se.krebit.http.RetryBackoff;
import se.krebit.http.TransportFailures;

/**
 * Feign's invocation handler factory, decorated so that each call of an interface method is one
 * Krebit API call: it retries with Resilience4j, turns Feign's exceptions into {@link
 * KrebitApiException}s (dropping them, since they hold the request and its headers), or into a
 * {@link KrebitConfigurationException} when the TLS handshake fails, and leaves the MDC as it found
 * it.
 *
 * <p>A failed attempt is retried only when its failure {@linkplain KrebitApiException#isRetryable()
 * is retryable} (429, 5xx, no response), its method is idempotent (GET, HEAD, PUT, DELETE,
 * OPTIONS), and any {@code Retry-After} is within {@code maxRetryAfter}; the wait is exponential
 * backoff with jitter, never shorter than {@code Retry-After}. Default methods of the interface are
 * left alone: the calls they make are retried one by one. Thread-safe.
 */
final class ApiCalls implements InvocationHandlerFactory {
  static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final Logger LOG = LoggerFactory.getLogger(KrebitClient.class);

  private final InvocationHandlerFactory delegate = new DefaultInvocationHandlerFactory();
  private final Retry retry;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final ApiCallListener listener;

  ApiCalls(ApiSettings settings) {
    this.listener = settings.listener();
    this.maxAttempts = settings.http().maxAttempts();
    this.maxRetryAfter = settings.http().maxRetryAfter();
    this.retry =
        Retry.of(
            "krebit-api " + settings.apiBase(),
            RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(
                    new RetryBackoff<>(
                        settings.http().initialBackoff(),
                        settings.http().maxBackoff(),
                        ApiCalls::retryAfter))
                .retryOnException(this::isWorthRetrying)
                .build());
    retry.getEventPublisher().onRetry(this::logRetry);
  }

  @Override
  @SuppressWarnings("rawtypes") // Feign's interface declares the raw type
  public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
    return delegate.create(target, decorate(dispatch));
  }

  private Map<Method, MethodHandler> decorate(Map<Method, MethodHandler> dispatch) {
    Map<Method, MethodHandler> decorated = new LinkedHashMap<>();
    dispatch.forEach(
        (method, handler) -> {
          String operation = operation(method);
          decorated.put(
              method, method.isDefault() ? handler : argv -> call(operation, handler, argv));
        });
    return decorated;
  }

  private static String operation(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  private Object call(String operation, MethodHandler handler, Object[] argv) throws Throwable {
    return execute(operation, () -> attempt(handler, argv));
  }

  /**
   * One API call, every attempt of it: the single place each call of {@link KrebitClient} passes,
   * Feign's and the direct ones alike, heard by the {@link ApiCallListener} from before its first
   * token is fetched until its last attempt ends. Allocates nothing but Resilience4j's retry
   * context when the first attempt succeeds and nobody listens.
   *
   * @param operation the call's name for listeners: {@code Interface.method}
   */
  <T> T execute(String operation, Attempt<T> attempt) throws Throwable {
    ApiCallListener.Call observed = ApiCallSpans.start(listener, operation);
    try {
      T result = attempts(attempt);
      ApiCallSpans.stop(observed, operation, null);
      return result;
    } catch (Throwable failure) {
      ApiCallSpans.stop(observed, operation, failure);
      throw failure;
    }
  }

  /**
   * Every attempt of one call, retried as the class describes.
   *
   * <p>The MDC is touched only when it can show up somewhere: from the start when DEBUG is on for
   * {@link KrebitClient}'s logger (the wire lines and the 401 line carry the {@code request_id}),
   * else from the first failure on (the retry warning carries the failed attempt's). Whatever was
   * touched is restored when the call returns or throws.
   */
  private <T> T attempts(Attempt<T> attempt) throws Throwable {
    boolean touched = LOG.isDebugEnabled();
    @Nullable String outer = touched ? RequestIds.current() : null;
    Retry.Context<T> context = retry.context();
    try {
      while (true) {
        if (touched) {
          RequestIds.set(null); // a stale request_id of the attempt before
        }
        try {
          T result = attempt.attempt();
          context.onComplete();
          return result;
        } catch (Exception failure) {
          if (!touched) {
            outer = RequestIds.current();
            touched = true;
          }
          RequestIds.set(
              failure instanceof KrebitApiException api ? api.requestId().orElse(null) : null);
          context.onError(failure); // throws it when it is final, else waits for the next attempt
        }
      }
    } finally {
      if (touched) {
        RequestIds.set(outer);
      }
    }
  }

  /** One attempt of a call: one request, or two after a 401. */
  @FunctionalInterface
  interface Attempt<T> {
    T attempt() throws Throwable;
  }

  private static Object attempt(MethodHandler handler, Object[] argv) throws Throwable {
    try {
      return handler.invoke(argv);
    } catch (FeignException e) {
      throw translate(e);
    }
  }

  /** Feign's exception as ours, without it: it holds the request, headers included. */
  static RuntimeException translate(FeignException e) {
    if (e instanceof DecodeException && e.getCause() instanceof KrebitApiException decoded) {
      return decoded;
    }
    if (e instanceof EncodeException) {
      return new IllegalArgumentException(
          "the request body could not be encoded as JSON: check the body type's Jackson mapping");
    }
    @Nullable Request request = e.request();
    String method = request == null ? methodOf(e) : request.httpMethod().name();
    String path = request == null ? "(unknown path)" : ApiFailure.pathOf(request.url());
    IOException io =
        e.getCause() instanceof IOException cause
            ? cause
            : new IOException(
                e.getClass().getSimpleName()); // never Feign's message: it may quote the body
    return transportFailure(
        method, path, request == null ? path : RedactingLogger.withoutQuery(request.url()), io);
  }

  /**
   * A call that got no usable response: a {@link KrebitConfigurationException} when the TLS
   * handshake failed, else a {@link KrebitApiUnavailableException}.
   *
   * @param where the URL, without query, for the TLS error
   */
  static RuntimeException transportFailure(
      String method, String path, String where, IOException io) {
    if (io instanceof SSLHandshakeException || io instanceof SSLPeerUnverifiedException) {
      // The same certificate or protocol fails the same way: retrying would only hammer the server.
      return new KrebitConfigurationException(
          "TLS handshake with the Krebit API at "
              + where
              + " failed: check the URL, the server's certificate"
              + " and host name, and that it speaks TLS 1.2 or 1.3 ("
              + TransportFailures.describe(io)
              + ")",
          io);
    }
    return new KrebitApiUnavailableException(method, path, TransportFailures.describe(io), io);
  }

  private static String methodOf(FeignException e) {
    return e instanceof RetryableException retryable && retryable.method() != null
        ? retryable.method().name()
        : "(unknown method)";
  }

  private boolean isWorthRetrying(Throwable failure) {
    return failure instanceof KrebitApiException api
        && api.isRetryable()
        && IDEMPOTENT.contains(api.method())
        && api.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true)
        && !Thread.currentThread().isInterrupted();
  }

  private static Optional<Duration> retryAfter(Throwable failure) {
    return failure instanceof KrebitApiException api ? api.retryAfter() : Optional.empty();
  }

  private void logRetry(RetryOnRetryEvent event) {
    Throwable failure = event.getLastThrowable();
    LOG.warn(
        "Krebit API call failed on attempt {} of {}, retrying in {} ms: {}",
        event.getNumberOfRetryAttempts(),
        maxAttempts,
        event.getWaitInterval().toMillis(),
        failure == null ? "unknown failure" : failure.getMessage());
  }
}
