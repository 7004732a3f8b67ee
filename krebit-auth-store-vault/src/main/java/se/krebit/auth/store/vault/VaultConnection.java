package se.krebit.auth.store.vault;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.SecureUri;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.spi.Scheduler;

/**
 * A connection to one HashiCorp Vault: its address, how to authenticate (a fixed token, or AppRole
 * with the token renewed before its TTL ends), TLS and timeouts. The {@link VaultTokenStore} and
 * the {@link VaultTransitCipher} share one, and with it one login. Requests go through the
 * {@code io.github.jopenlibs:vault-java-driver} client over the JDK's {@code HttpClient}.
 *
 * <pre>{@code
 * VaultConnection vault = VaultConnection.builder(URI.create("https://vault.example.com:8200"))
 *     .appRole(System.getenv("VAULT_ROLE_ID"), System.getenv("VAULT_SECRET_ID"))
 *     .caCertificatesPem(Path.of("/etc/ssl/vault-ca.pem"))
 *     .build();
 * }</pre>
 *
 * <p><b>AppRole.</b> The first request logs in; when two thirds of the token's TTL have passed the
 * token is renewed ({@code auth/token/renew-self}); once a renewal no longer extends it (its max
 * TTL) or Vault refuses it, the connection logs in again. A request refused because the token was
 * revoked or expired is retried once after a new login, on every supported server (Vault 1.16 and
 * older and OpenBao do not say why they refuse: the connection then asks Vault about the token with
 * {@code auth/token/lookup-self}, which the default policy grants). Each login spends one use of a
 * secret id limited by {@code secret_id_num_uses}; renewals and refusals by policy spend none. A
 * {@linkplain Builder#appRoleWrappedSecretId response-wrapped} secret id is unwrapped before the
 * first login and kept in memory. Renewals run on a daemon thread of the connection unless
 * {@linkplain Builder#executor another executor} is given, when the {@linkplain Builder#scheduler
 * scheduler} says on the {@linkplain Builder#clock clock}. <b>A fixed token</b> is used as it is:
 * give a long-lived or periodic token that is renewed elsewhere, or use AppRole.
 *
 * <p>Plain {@code http} is accepted only to a loopback address. TLS is 1.3 or 1.2, with host name
 * verification. The driver is kept from reading {@code VAULT_ADDR}, {@code VAULT_TOKEN} or
 * {@code ~/.vault-token} by itself: only what the builder is given counts.
 *
 * <p>Thread-safe. {@code toString()} shows the address and the kind of authentication, never a
 * token or secret id. {@link #close()} stops renewing.
 */
public final class VaultConnection implements AutoCloseable {
  /** How long to wait for a TCP and TLS connection unless the builder says otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long to wait for an answer unless the builder says otherwise. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Where AppRole is mounted unless the builder says otherwise. */
  public static final String DEFAULT_APPROLE_MOUNT = "approle";

  private final URI address;
  private final String authentication;
  private final VaultSession session;
  private final @Nullable ExecutorService ownExecutor;

  private VaultConnection(Builder builder, URI address) {
    this.address = address;
    this.authentication = builder.appRole == null ? "token"
        : "AppRole on auth/" + builder.appRole.mount() + (builder.appRole.wrapped() ? ", secret id response-wrapped" : "");
    this.ownExecutor = builder.executor == null && builder.appRole != null
        ? Executors.newSingleThreadExecutor(DefaultScheduler.daemon("krebit-vault-auth"))
        : null;
    Executor executor = builder.executor != null ? builder.executor : ownExecutor != null ? ownExecutor : Runnable::run;
    Scheduler scheduler = builder.scheduler != null ? builder.scheduler : DefaultScheduler.forClock(builder.clock);
    String base = address.toString().endsWith("/") ? address.toString().substring(0, address.toString().length() - 1)
        : address.toString();
    this.session = new VaultSession(new VaultSession.Access(base, builder.token, builder.appRole, builder.namespace,
        VaultTls.httpClient(builder.sslContext, builder.connectTimeout), seconds(builder.requestTimeout), builder.clock,
        scheduler, executor));
  }

  /**
   * A builder for the Vault at {@code address}, such as {@code https://vault.example.com:8200}.
   * Authentication ({@link Builder#token} or {@link Builder#appRole}) is required.
   */
  public static Builder builder(URI address) {
    return new Builder(requireNonNull(address, "address"));
  }

  /** The Vault address, as given. */
  public URI address() {
    return address;
  }

  VaultSession session() {
    return session;
  }

  /** Stops renewing the token. Requests already made are not affected; idempotent. */
  @Override
  public void close() {
    session.close();
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "VaultConnection[" + address + ", " + authentication + "]";
  }

  private static int seconds(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.plusNanos(999_999_999).getSeconds());
  }

  /** Configures a {@link VaultConnection}. Not thread-safe. */
  public static final class Builder {
    private final URI address;
    private @Nullable Secret token;
    private VaultSession.@Nullable AppRoleLogin appRole;
    private String appRoleMount = DEFAULT_APPROLE_MOUNT;
    private @Nullable String namespace;
    private @Nullable SSLContext sslContext;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private @Nullable Executor executor;

    private Builder(URI address) {
      this.address = address;
    }

    /** Authenticates every request with this Vault token, as it is. Replaces an AppRole given before. */
    public Builder token(String token) {
      this.token = new Secret(token, "token");
      this.appRole = null;
      return this;
    }

    /** Logs in with AppRole and keeps the token renewed. Replaces a token given before. */
    public Builder appRole(String roleId, String secretId) {
      this.appRole = new VaultSession.AppRoleLogin(appRoleMount, new Secret(roleId, "roleId"), new Secret(secretId, "secretId"),
          false);
      this.token = null;
      return this;
    }

    /**
     * Logs in with AppRole, the secret id given response-wrapped: {@code wrappingToken} is the token
     * of {@code vault write -wrap-ttl=<ttl> -f auth/approle/role/<role>/secret-id}. It is unwrapped
     * ({@code sys/wrapping/unwrap}) once, before the first login, within its TTL; the secret id then
     * stays in memory only. If Vault refuses the wrapping token, someone may have unwrapped it before
     * this process did: the error says so. Replaces a token or secret id given before.
     */
    public Builder appRoleWrappedSecretId(String roleId, String wrappingToken) {
      this.appRole = new VaultSession.AppRoleLogin(appRoleMount, new Secret(roleId, "roleId"),
          new Secret(wrappingToken, "wrappingToken"), true);
      this.token = null;
      return this;
    }

    /** Where AppRole is mounted, {@code auth/<mount>}; default {@value VaultConnection#DEFAULT_APPROLE_MOUNT}. */
    public Builder appRoleMount(String mount) {
      this.appRoleMount = VaultPaths.checkMount(mount, "appRoleMount");
      if (appRole != null) {
        appRole = new VaultSession.AppRoleLogin(appRoleMount, appRole.roleId(), appRole.secretId(), appRole.wrapped());
      }
      return this;
    }

    /** The Vault Enterprise namespace to work in ({@code X-Vault-Namespace}); none by default. */
    public Builder namespace(String namespace) {
      requireNonNull(namespace, "namespace");
      if (namespace.isBlank() || namespace.chars().anyMatch(Character::isISOControl)) {
        throw new KrebitConfigurationException("the Vault namespace must be printable and not blank");
      }
      this.namespace = namespace;
      return this;
    }

    /** Trusts exactly the CA certificates in {@code pem} (one or more PEM blocks) for Vault's TLS certificate. */
    public Builder caCertificatesPem(String pem) {
      this.sslContext = VaultTls.trusting(requireNonNull(pem, "pem"));
      return this;
    }

    /** Trusts exactly the CA certificates in the PEM file at {@code path}. */
    public Builder caCertificatesPem(Path path) {
      requireNonNull(path, "path");
      try {
        return caCertificatesPem(Files.readString(path, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new KrebitConfigurationException("cannot read the Vault CA bundle at " + path, e);
      }
    }

    /** The TLS context to use as it is, for client certificates or a trust store of your own; TLS 1.2+ is still enforced. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** How long to wait for a connection; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for each answer; default {@link #DEFAULT_REQUEST_TIMEOUT}. The driver counts
     * in whole seconds, so this is rounded up to one.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = checkTimeout(timeout, "requestTimeout");
      return this;
    }

    /** The clock token TTLs are measured on; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Where renewals are scheduled; default {@code DefaultScheduler.forClock(clock)}. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where renewals and re-logins run once due; default a daemon thread of the connection. */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The connection; it makes no request until the first use.
     *
     * @throws KrebitConfigurationException if the address is not https (or http to loopback), or no
     *     authentication was given
     */
    public VaultConnection build() {
      URI checked = checkAddress(address);
      if (token == null && appRole == null) {
        throw new KrebitConfigurationException("give the Vault connection a token or an AppRole (role id and secret id)");
      }
      return new VaultConnection(this, checked);
    }

    private static URI checkAddress(URI address) {
      return SecureUri.require("the Vault address", address);
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      requireNonNull(timeout, name);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new KrebitConfigurationException(name + " must be positive, was " + timeout);
      }
      return timeout;
    }
  }
}
