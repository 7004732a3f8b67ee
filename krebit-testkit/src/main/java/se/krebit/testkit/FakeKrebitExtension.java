package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.internal.ServerLifecycle;

/**
 * Runs a {@link FakeKrebitServer} for a JUnit 5 test class: started before all tests, stopped after
 * them, {@linkplain FakeKrebitServer#reset() reset} before each test (scripted faults and consent,
 * journal, revocations, roles a test required, and webhook endpoints and deliveries), and injected
 * into test constructors and methods that take a {@link FakeKrebitServer} or a {@link
 * SettableClock} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeKrebitExtension krebit = FakeKrebitExtension.builder()
 *     .app("demo-client", "demo-secret", "reader")
 *     .build();
 *
 * @Test
 * void retriesUnavailableEndpoint(FakeKrebitServer server, SettableClock clock) {
 *   server.failNextTokenRequests(1, InjectedFault.status(503));
 *   ...
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: per-test state is reset before each test, so a test
 * class sets up faults and role requirements in its tests or {@code @BeforeEach} methods, or for
 * good with {@link Builder#requireRole}. On an instance field it still works, with one server per
 * test. Thread-safe, including under parallel test execution (tests then share one server and its
 * journal, so assertions on counts need care).
 */
public final class FakeKrebitExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final FakeKrebitServer server;
  private final ServerLifecycle lifecycle;

  private FakeKrebitExtension(FakeKrebitServer server) {
    this.server = server;
    this.lifecycle =
        new ServerLifecycle(
            server::isRunning,
            server::start,
            server::stop,
            server::reset,
            Map.of(FakeKrebitServer.class, server, SettableClock.class, server.clock()));
  }

  /** A builder with the defaults of {@link FakeKrebitServer#builder()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server; it listens from before the first test until after the last one. */
  public FakeKrebitServer server() {
    return server;
  }

  /** The server's clock. */
  public SettableClock clock() {
    return server.clock();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    lifecycle.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    lifecycle.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    lifecycle.afterEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    lifecycle.afterAll(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return lifecycle.supportsParameter(parameter);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lifecycle.resolveParameter(parameter);
  }

  /**
   * Configures the server a {@link FakeKrebitExtension} runs; see {@link FakeKrebitServer.Builder}.
   */
  public static final class Builder {
    private final FakeKrebitServer.Builder server = FakeKrebitServer.builder();

    private Builder() {}

    /** See {@link FakeKrebitServer.Builder#app(RegisteredApp)}. */
    public Builder app(RegisteredApp app) {
      server.app(app);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#app(String, String, String...)}. */
    public Builder app(String clientId, String secret, String... roles) {
      server.app(clientId, secret, roles);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#redirectUri(String, String)}. */
    public Builder redirectUri(String clientId, String redirectUri) {
      server.redirectUri(clientId, redirectUri);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#userRoles(String, String...)}. */
    public Builder userRoles(String userId, String... roles) {
      server.userRoles(userId, roles);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#userProfile(String, String, String)}. */
    public Builder userProfile(String userId, String name, String email) {
      server.userProfile(userId, name, email);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#organization(String, String)}. */
    public Builder organization(String id, String name) {
      server.organization(id, name);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#autoApprove(String)}. */
    public Builder autoApprove(String userId) {
      server.autoApprove(userId);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#refreshTokenRotation(RefreshTokenRotation)}. */
    public Builder refreshTokenRotation(RefreshTokenRotation rotation) {
      server.refreshTokenRotation(rotation);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#refreshReuseGrace(Duration)}. */
    public Builder refreshReuseGrace(Duration grace) {
      server.refreshReuseGrace(grace);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#refreshTokenLifetime(Duration)}. */
    public Builder refreshTokenLifetime(Duration lifetime) {
      server.refreshTokenLifetime(lifetime);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#requireRole(String, String)}. */
    public Builder requireRole(String path, String role) {
      server.requireRole(path, role);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#tokenLifetime(Duration)}. */
    public Builder tokenLifetime(Duration lifetime) {
      server.tokenLifetime(lifetime);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#clock(SettableClock)}. */
    public Builder clock(SettableClock clock) {
      server.clock(requireNonNull(clock, "clock"));
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#tokenPaths(String...)}. */
    public Builder tokenPaths(String... paths) {
      server.tokenPaths(paths);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#port(int)}. */
    public Builder port(int port) {
      server.port(port);
      return this;
    }

    /** See {@link FakeKrebitServer.Builder#https(Path, String)}. */
    public Builder https(Path pkcs12Keystore, String password) {
      server.https(pkcs12Keystore, password);
      return this;
    }

    /** The extension, with its server built but not yet started. */
    public FakeKrebitExtension build() {
      return new FakeKrebitExtension(server.build());
    }
  }
}
