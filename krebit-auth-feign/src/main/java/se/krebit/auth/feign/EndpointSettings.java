package se.krebit.auth.feign;

import feign.Logger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The immutable configuration of one {@link FeignTokenEndpoint}, as validated by its builder.
 *
 * @param sslContext the TLS context; null for the JVM's default
 */
record EndpointSettings(
    URI tokenEndpoint,
    RequestFormat requestFormat,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    float circuitBreakerFailureRate,
    int circuitBreakerWindow,
    Duration circuitBreakerOpenDuration,
    int maxResponseBytes,
    @Nullable SSLContext sslContext,
    Clock clock,
    Logger.Level logLevel) {}
