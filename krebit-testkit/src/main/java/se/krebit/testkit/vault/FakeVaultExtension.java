package se.krebit.testkit.vault;

import static java.util.Objects.requireNonNull;

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
 * Runs a {@link FakeVaultServer} for a JUnit 5 test class: started before all tests, stopped after
 * them, {@linkplain FakeVaultServer#reset() reset} before each test, and injected into test
 * constructors and methods that take a {@link FakeVaultServer} parameter. (Its clock is {@code
 * server.clock()}; it does not resolve {@link SettableClock} parameters, so it can sit beside the
 * fake Krebit server's extension.)
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeVaultExtension vault = FakeVaultExtension.builder().transitKey("krebit-tokens").build();
 *
 * @Test
 * void sealedVaultIsRetryable(FakeVaultServer server) {
 *   server.seal();
 *   ...
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field; on an instance field it still works, with one server
 * per test. Thread-safe.
 */
public final class FakeVaultExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final FakeVaultServer server;
  private final ServerLifecycle lifecycle;

  private FakeVaultExtension(FakeVaultServer server) {
    this.server = server;
    this.lifecycle =
        new ServerLifecycle(
            server::isRunning,
            server::start,
            server::stop,
            server::reset,
            Map.of(FakeVaultServer.class, server));
  }

  /** A builder with the defaults of {@link FakeVaultServer#builder()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server; it listens from before the first test until after the last one. */
  public FakeVaultServer server() {
    return server;
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
   * Configures the server a {@link FakeVaultExtension} runs; see {@link FakeVaultServer.Builder}.
   */
  public static final class Builder {
    private final FakeVaultServer.Builder server = FakeVaultServer.builder();

    private Builder() {}

    /** See {@link FakeVaultServer.Builder#flavour(VaultFlavour)}. */
    public Builder flavour(VaultFlavour flavour) {
      server.flavour(requireNonNull(flavour, "flavour"));
      return this;
    }

    /** See {@link FakeVaultServer.Builder#kvMount(String)}. */
    public Builder kvMount(String mount) {
      server.kvMount(mount);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#casRequired(boolean)}. */
    public Builder casRequired(boolean required) {
      server.casRequired(required);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#transitKey(String)}. */
    public Builder transitKey(String name) {
      server.transitKey(name);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#transitKey(String, String)}. */
    public Builder transitKey(String mount, String name) {
      server.transitKey(mount, name);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#appRole(String, String)}. */
    public Builder appRole(String roleId, String secretId) {
      server.appRole(roleId, secretId);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#appRoleTokenTtl(Duration, Duration)}. */
    public Builder appRoleTokenTtl(Duration ttl, Duration maxTtl) {
      server.appRoleTokenTtl(ttl, maxTtl);
      return this;
    }

    /** See {@link FakeVaultServer.Builder#clock(SettableClock)}. */
    public Builder clock(SettableClock clock) {
      server.clock(requireNonNull(clock, "clock"));
      return this;
    }

    /** The extension, with its server built but not yet started. */
    public FakeVaultExtension build() {
      return new FakeVaultExtension(server.build());
    }
  }
}
