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
 * @param alternativeTokenEndpoint where to ask once when {@code tokenEndpoint} answers 404; null
 *     when the token endpoint was set explicitly
 * @param sslContext the TLS context; null for the JVM's default
 */
record EndpointSettings(
    URI tokenEndpoint,
    @Nullable URI alternativeTokenEndpoint,
    RequestFormat requestFormat,
    ClientAuthentication clientAuthentication,
    Duration expiresInWhenAbsent,
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
