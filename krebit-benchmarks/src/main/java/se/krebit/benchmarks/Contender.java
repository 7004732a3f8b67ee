package se.krebit.benchmarks;

import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.testing.SettableClock;
import software.amazon.awssdk.utils.cache.CachedSupplier;

/**
 * The libraries a refresh storm is run against, and how each is put into the two states the storm
 * harness measures: no valid token at all ({@link #cold}), and a valid token that has just crossed
 * the library's own refresh-ahead boundary ({@link #atRefreshAhead}).
 *
 * <p>Tokens live one hour unless a library's boundary needs a shorter first token to reach it.
 */
public enum Contender {
  /**
   * Not a library: callers read a cached value with one volatile read, which can never block and
   * never asks for a token. Released exactly like the libraries, it shows the harness's own noise
   * floor on this machine: how long a call that cannot wait still appears to take while many
   * threads wake at once. At the refresh-ahead boundary it runs beside a Krebit source crossing its
   * boundary (same timer, same refresh thread waking, same 50 ms request in flight, counted on a
   * separate stub), so that background activity is part of the floor too.
   */
  CONTROL("control: a volatile read (cannot block)") {
    @Override
    Subject cold(Duration latency) {
      return new Subject(TokenServerStub.of(latency, LIFETIME), volatileRead());
    }

    @Override
    Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold) throws IOException {
      Subject beside = KREBIT.atRefreshAhead(latency, hold);
      return new Subject(
          TokenServerStub.of(latency, LIFETIME), volatileRead(), beside::beforeRelease);
    }

    private Call volatileRead() {
      AtomicReference<String> cached = new AtomicReference<>("control-token");
      return cached::get;
    }
  },

  /**
   * Ours: single-flight fetch; the refresh-ahead timer starts the refresh, no caller waits for it.
   */
  KREBIT("Krebit ClientCredentialsTokenSource") {
    @Override
    Subject cold(Duration latency) {
      TokenServerStub server = TokenServerStub.of(latency, LIFETIME);
      ClientCredentialsTokenSource source = KrebitContender.source(server, Clock.systemUTC());
      return new Subject(server, () -> source.token().value());
    }

    @Override
    Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold) throws IOException {
      // The settable clock drives the production timer path: advancing it fires the refresh-ahead
      // timer,
      // which starts the refresh in the background before any caller arrives.
      SettableClock clock = SettableClock.startingAt(Instant.now());
      TokenServerStub server = new TokenServerStub(latency, LIFETIME, LIFETIME, hold);
      ClientCredentialsTokenSource source = KrebitContender.source(server, clock);
      source.token();
      server.markBaseline();
      // 10 s before the end of the served life: past refreshAt (60-75 s before it) under the
      // defaults.
      Duration intoWindow = LIFETIME.minus(Duration.ofSeconds(5 + 10));
      return new Subject(server, () -> source.token().value(), () -> clock.advance(intoWindow));
    }
  },

  /**
   * google-auth: single-flight refresh under a lock; the caller that notices a stale token runs it.
   */
  GOOGLE_AUTH("google-auth OAuth2Credentials") {
    @Override
    Subject cold(Duration latency) {
      TokenServerStub server = TokenServerStub.of(latency, LIFETIME);
      OAuth2Credentials credentials = GoogleAuthContender.credentials(server);
      return new Subject(server, () -> GoogleAuthContender.token(credentials));
    }

    @Override
    Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold) throws IOException {
      // 3 min 30 s left: inside its refresh margin (3 min 45 s), outside its expiration margin (3
      // min).
      TokenServerStub server =
          new TokenServerStub(latency, Duration.ofSeconds(210), LIFETIME, hold);
      OAuth2Credentials credentials = GoogleAuthContender.credentials(server);
      GoogleAuthContender.token(credentials);
      server.markBaseline();
      return new Subject(server, () -> GoogleAuthContender.token(credentials));
    }
  },

  /**
   * Spring Security: no single flight and no refresh-ahead; 60 s before expiry a token counts as
   * expired.
   */
  SPRING_SECURITY("Spring Security AuthorizedClientServiceOAuth2AuthorizedClientManager") {
    @Override
    Subject cold(Duration latency) {
      TokenServerStub server = TokenServerStub.of(latency, LIFETIME);
      SpringSecurityContender.Client client = SpringSecurityContender.client(server);
      return new Subject(server, client::token);
    }

    @Override
    Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold) throws IOException {
      // 30 s left: Spring has no refresh-ahead, so its boundary is the clock skew (60 s).
      TokenServerStub server = new TokenServerStub(latency, Duration.ofSeconds(30), LIFETIME, hold);
      SpringSecurityContender.Client client = SpringSecurityContender.client(server);
      client.token();
      server.markBaseline();
      return new Subject(server, client::token);
    }
  },

  /**
   * AWS SDK v2 CachedSupplier: refresh under a lock; in the prefetch window one caller fetches and
   * waits.
   */
  AWS_CACHED_SUPPLIER("AWS SDK v2 CachedSupplier") {
    @Override
    Subject cold(Duration latency) {
      TokenServerStub server = TokenServerStub.of(latency, LIFETIME);
      CachedSupplier<String> supplier = AwsCachedSupplierContender.supplier(server);
      return new Subject(server, supplier::get);
    }

    @Override
    Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold) throws IOException {
      // 90 s left: past the prefetch time (5 min before expiry, which the supplier jitters to as
      // late as
      // 2 min before), not yet stale (1 min before expiry).
      TokenServerStub server = new TokenServerStub(latency, Duration.ofSeconds(90), LIFETIME, hold);
      CachedSupplier<String> supplier = AwsCachedSupplierContender.supplier(server);
      supplier.get();
      server.markBaseline();
      return new Subject(server, supplier::get);
    }
  };

  static final Duration LIFETIME = Duration.ofHours(1);

  private final String label;

  Contender(String label) {
    this.label = label;
  }

  /** How result tables name this library. */
  public String label() {
    return label;
  }

  /** A fresh instance with no token; its stub takes {@code latency} per request. */
  abstract Subject cold(Duration latency);

  /**
   * A fresh instance holding a valid token that is past this library's refresh-ahead boundary once
   * {@link Subject#beforeRelease()} has run. The priming request is not counted.
   *
   * @param hold if not null, requests after priming also wait for it (see {@link TokenServerStub})
   */
  abstract Subject atRefreshAhead(Duration latency, @Nullable CountDownLatch hold)
      throws IOException;

  /** What one caller does: get the bearer value the way an application would per request. */
  @FunctionalInterface
  interface Call {
    String token() throws Exception;
  }

  /**
   * One library instance under test, its stub, and what must happen just before callers are
   * released.
   */
  static final class Subject {
    final TokenServerStub server;
    final Call call;
    private final Runnable beforeRelease;

    Subject(TokenServerStub server, Call call) {
      this(server, call, () -> {});
    }

    Subject(TokenServerStub server, Call call, Runnable beforeRelease) {
      this.server = server;
      this.call = call;
      this.beforeRelease = beforeRelease;
    }

    void beforeRelease() {
      beforeRelease.run();
    }
  }
}
