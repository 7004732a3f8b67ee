package se.krebit.auth.store.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.internal.PrintableText;
import se.krebit.auth.spi.Scheduler;

/**
 * The Vault token in use and the requests made with it. With a fixed token it only sends. With
 * AppRole it logs in on first use, renews the token when two thirds of its TTL have passed, logs
 * in again when the token can no longer be extended (its max TTL) or is refused as invalid, and
 * retries a request refused for an invalid token once with the new token.
 *
 * <p>A refused token is told from a refused policy on every server: Vault 1.17 and later say
 * {@code invalid token}; older Vaults and OpenBao answer both with {@code permission denied}, so
 * after such a 403 the session asks Vault about the token itself ({@code auth/token/lookup-self},
 * which the default policy grants). A policy refusal therefore spends no login, and no use of the
 * secret id.
 *
 * <p>Renewals are scheduled on the {@link Scheduler} and run on the executor, so they never block
 * the scheduler's thread. Thread-safe: logins and renewals are serialized; requests read the current
 * token without locking.
 */
final class VaultSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VaultConnection.class);
  private static final int KV_ENGINE = 2;
  private static final int GENERIC_ENGINE = 1;

  private final Access settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Vault anonymous;
  private final @Nullable AppRoleLogins appRoleLogins;
  private volatile @Nullable Login login;
  private volatile @Nullable ServerVersion serverVersion;
  private Scheduler.Cancellable pending = () -> {};
  private volatile boolean closed;

  /** How to reach Vault and prove who we are. */
  record Access(
      String address,
      @Nullable Secret token,
      @Nullable AppRoleLogin appRole,
      @Nullable String namespace,
      HttpClient httpClient,
      int timeoutSeconds,
      Clock clock,
      Scheduler scheduler,
      Executor executor) {}

  /**
   * An AppRole to log in with.
   *
   * @param wrapped whether {@code secretId} is a wrapping token to unwrap for the secret id
   */
  record AppRoleLogin(String mount, Secret roleId, Secret secretId, boolean wrapped) {}

  /** A request, sent with the clients of the current token. */
  @FunctionalInterface
  interface Request {
    VaultReply send(Clients clients) throws VaultException;
  }

  /** Driver clients bound to one token: a generic one for any path, and KV v2 ones per mount depth. */
  final class Clients {
    private final @Nullable Secret token;
    private final Vault generic;
    private final Map<Integer, Vault> kv = new ConcurrentHashMap<>();

    Clients(@Nullable Secret token) {
      this.token = token;
      this.generic = vault(token, GENERIC_ENGINE, 1);
    }

    /** For any path as given ({@code transit/encrypt/key}, {@code auth/token/renew-self}). */
    Vault generic() {
      return generic;
    }

    /** For KV v2 paths {@code <mount>/<path>}, where the mount has {@code mountDepth} segments. */
    Vault kv(int mountDepth) {
      return kv.computeIfAbsent(mountDepth, depth -> vault(token, KV_ENGINE, depth));
    }
  }

  private record Login(Clients clients, @Nullable Instant expiresAt, boolean renewable) {
    boolean expiredAt(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt);
    }
  }

  VaultSession(Access settings) {
    this.settings = settings;
    this.anonymous = vault(null, GENERIC_ENGINE, 1);
    AppRoleLogin role = settings.appRole();
    this.appRoleLogins = role == null ? null
        : new AppRoleLogins(role, settings.address(), anonymous, token -> vault(token, GENERIC_ENGINE, 1));
    if (settings.token() != null) {
      this.login = new Login(new Clients(settings.token()), null, false);
    }
  }

  /**
   * Sends {@code request} with the current token; answers that every operation treats alike (403,
   * sealed, standby, a KV upgrade, 5xx) become exceptions, the rest are returned.
   */
  VaultReply send(Operation op, Request request) {
    VaultReply reply = exchange(op, request);
    TokenStoreException common = VaultFailures.common(op, reply, settings.address());
    if (common != null) {
      throw common;
    }
    return reply;
  }

  /**
   * As {@link #send}, but a refusal by the token's policy (403) is returned, for an operation whose
   * message needs a second look at what exists; other failures still throw.
   */
  VaultReply sendAllowingDenial(Operation op, Request request) {
    VaultReply reply = exchange(op, request);
    TokenStoreException common = reply.status() == 403 ? null : VaultFailures.common(op, reply, settings.address());
    if (common != null) {
      throw common;
    }
    return reply;
  }

  /**
   * The version the server reports in {@code sys/health}, asked once (unauthenticated, standbys
   * included); {@link ServerVersion#UNKNOWN} when it gives none.
   *
   * @throws TokenStoreException (retryable) when Vault cannot be reached; asked again next time
   */
  ServerVersion serverVersion() {
    ServerVersion known = serverVersion;
    if (known != null) {
      return known;
    }
    Operation op = Operation.needing("reading the server's version (sys/health)", "read", "sys/health");
    VaultReply reply;
    try {
      reply = VaultReply.of(anonymous.debug().health(true, true, null, null, null, null, null, null).getRestResponse());
    } catch (VaultException e) {
      reply = VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, settings.address()));
    }
    JsonValue version = reply.body().get("version");
    ServerVersion found = version != null && version.isString()
        ? new ServerVersion(PrintableText.line(version.asString().strip(), 40))
        : ServerVersion.UNKNOWN;
    serverVersion = found;
    LOG.debug("Vault at {} reports {} (sys/health answered HTTP {})", settings.address(), found, reply.status());
    return found;
  }

  String address() {
    return settings.address();
  }

  private VaultReply exchange(Operation op, Request request) {
    Login current = current();
    VaultReply reply = attempt(op, request, current);
    if (reply.status() == 403 && tokenRefused(reply, current)) {
      if (settings.appRole() == null) {
        throw refusedToken(op);
      }
      reply = attempt(op, request, logInAgain(current));
      if (reply.isInvalidToken()) {
        throw refusedToken(op);
      }
    }
    List<String> warnings = reply.warnings();
    if (!warnings.isEmpty()) {
      LOG.warn("Vault warned while {}: {}", op.description(), String.join("; ", warnings));
    }
    return reply;
  }

  /** Whether a 403 refused the token itself rather than the request: Vault says so, or the token fails lookup-self. */
  private boolean tokenRefused(VaultReply reply, Login current) {
    if (reply.isInvalidToken()) {
      return true;
    }
    try {
      current.clients().generic().auth().lookupSelf();
      return false;
    } catch (VaultException e) {
      // Without an answer, the 403 stands as the policy's; the next request asks again.
      return VaultReply.of(e).map(r -> r.status() == 403).orElse(false);
    }
  }

  private TokenStoreException refusedToken(Operation op) {
    return new TokenStoreException("Vault refused its token while " + op.description()
        + ": the token is unknown, revoked or expired" + (settings.appRole() == null ? "; give a valid token" : ""),
        false, null);
  }

  private VaultReply attempt(Operation op, Request request, Login login) {
    try {
      return request.send(login.clients());
    } catch (VaultException e) {
      return VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, settings.address()));
    }
  }

  private Login current() {
    Login current = login;
    if (current != null && !current.expiredAt(settings.clock().instant())) {
      return current;
    }
    lock.lock();
    try {
      current = login;
      if (current != null && (settings.appRole() == null || !current.expiredAt(settings.clock().instant()))) {
        return current;
      }
      return logIn();
    } finally {
      lock.unlock();
    }
  }

  private Login logInAgain(Login refused) {
    lock.lock();
    try {
      Login current = login;
      return current != refused && current != null ? current : logIn();
    } finally {
      lock.unlock();
    }
  }

  /** Logs in with AppRole and schedules the renewal. Call with the lock held. */
  private Login logIn() {
    AppRoleLogins logins = appRoleLogins;
    if (logins == null) {
      throw new IllegalStateException("no AppRole to log in with");
    }
    AuthResponse response = logins.logIn();
    String token = response.getAuthClientToken();
    if (token == null || token.isBlank()) {
      throw new TokenStoreException("Vault answered the AppRole login without a client token", false, null);
    }
    long ttl = response.getAuthLeaseDuration();
    Instant now = settings.clock().instant();
    Login fresh = new Login(new Clients(new Secret(token, "client token")), ttl > 0 ? now.plusSeconds(ttl) : null,
        response.isAuthRenewable());
    login = fresh;
    LOG.info("Logged in to Vault at {} with AppRole on auth/{}: token TTL {} s, {}", settings.address(), logins.mount(),
        ttl, fresh.renewable() ? "renewable" : "not renewable");
    scheduleAfter(fresh, now, ttl, fresh.renewable());
    return fresh;
  }

  private void scheduleAfter(Login target, Instant now, long ttlSeconds, boolean renew) {
    pending.cancel();
    if (ttlSeconds <= 0 || closed) {
      return;
    }
    Instant at = now.plus(Duration.ofSeconds(ttlSeconds).multipliedBy(2).dividedBy(3));
    pending = settings.scheduler().schedule(at, () -> settings.executor().execute(() -> maintain(target, renew)));
  }

  /** Renews the token, or logs in again; runs on the executor. */
  private void maintain(Login target, boolean renew) {
    lock.lock();
    try {
      if (closed || login != target) {
        return;
      }
      if (renew) {
        renew(target);
      } else {
        logIn();
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not renew or replace the Vault token; the next request will log in again: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  private void renew(Login target) {
    AuthResponse response;
    try {
      response = target.clients().generic().auth().renewSelf();
    } catch (VaultException e) {
      VaultReply reply = VaultReply.of(e).orElse(null);
      if (reply != null && reply.status() == 403) {
        LOG.info("Vault refused to renew its token{}; logging in again", reply.saying());
        logIn();
        return;
      }
      Instant now = settings.clock().instant();
      long left = target.expiresAt() == null ? 0 : Duration.between(now, target.expiresAt()).getSeconds();
      LOG.warn("Could not renew the Vault token ({}); {}", reply == null ? "no answer" : "HTTP " + reply.status(),
          left > 0 ? left + " s of its TTL left" : "it has expired; the next request logs in again");
      if (left > 3) {
        pending = settings.scheduler().schedule(now.plusSeconds(left / 2), () -> settings.executor().execute(() -> maintain(target, true)));
      }
      return;
    }
    Instant now = settings.clock().instant();
    long ttl = response.getAuthLeaseDuration();
    Instant expiresAt = now.plusSeconds(ttl);
    boolean extended = target.expiresAt() == null || expiresAt.isAfter(target.expiresAt());
    Login renewed = new Login(target.clients(), expiresAt, response.isAuthRenewable());
    login = renewed;
    LOG.debug("Renewed the Vault token: TTL {} s{}", ttl, extended ? "" : ", its max TTL; will log in again");
    scheduleAfter(renewed, now, ttl, extended && renewed.renewable());
  }

  private Vault vault(@Nullable Secret token, int engineVersion, int prefixDepth) {
    try {
      VaultConfig config = new VaultConfig()
          .environmentLoader(new NoEnvironment())
          .address(settings.address())
          .httpClient(settings.httpClient())
          .openTimeout(settings.timeoutSeconds())
          .readTimeout(settings.timeoutSeconds())
          .prefixPathDepth(prefixDepth)
          .engineVersion(engineVersion);
      if (token != null) {
        config.token(token.reveal());
      }
      if (settings.namespace() != null) {
        config.nameSpace(settings.namespace());
      }
      return Vault.create(config.build(), engineVersion);
    } catch (VaultException e) {
      throw new IllegalStateException("the Vault driver refused a configuration the builder checked", e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      pending.cancel();
    } finally {
      lock.unlock();
    }
  }

  /** Keeps the driver from reading VAULT_TOKEN, VAULT_ADDR or ~/.vault-token behind the builder's back. */
  private static final class NoEnvironment extends EnvironmentLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable String loadVariable(String name) {
      return null;
    }
  }
}
