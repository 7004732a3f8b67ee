package se.krebit.auth.feign;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import se.krebit.http.HttpConfig;

/**
 * The immutable configuration of one {@link FeignTokenEndpoint}, as validated by its builder.
 *
 * @param alternativeTokenEndpoint where to ask once when {@code tokenEndpoint} answers 404; null
 *     when the token endpoint was set explicitly
 */
record EndpointSettings(
    URI tokenEndpoint,
    @Nullable URI alternativeTokenEndpoint,
    RequestFormat requestFormat,
    ClientAuthentication clientAuthentication,
    Duration expiresInWhenAbsent,
    HttpConfig http,
    float circuitBreakerFailureRate,
    int circuitBreakerWindow,
    Duration circuitBreakerOpenDuration,
    Clock clock) {}
