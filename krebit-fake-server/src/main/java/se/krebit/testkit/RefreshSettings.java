package se.krebit.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * How the fake treats refresh tokens.
 *
 * @param rotation whether refreshing retires the refresh token presented
 * @param reuseGrace how long after a rotation the refresh token just retired is still accepted,
 *     once; zero for never
 * @param lifetime how long a refresh token lives from its issue; empty for as long as its family
 */
record RefreshSettings(
    RefreshTokenRotation rotation, Duration reuseGrace, Optional<Duration> lifetime) {}
