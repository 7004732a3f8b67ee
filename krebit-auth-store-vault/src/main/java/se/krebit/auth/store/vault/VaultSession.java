package se.krebit.auth.store.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.Scheduler;

/**
 * The Vault token in use and the requests made with it. With a fixed token it only sends. With
 * AppRole it logs in on first use, renews the token when two thirds of its TTL have passed, logs
 * in again when the token can no longer be extended (its max TTL) or is refused as invalid, and
 * retries a request refused for an invalid token once with the new token.
 *
 * <p>Renewals are scheduled on the {@link Scheduler} and run on the executor, so they never block
 * the scheduler's thread. Thread-safe: logins and renewals are serialized; requests read the current
 * token without locking.
 */
final class VaultSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VaultConnection.class);
  private static final int KV_ENGINE = 2;
  private static final int GENERIC_ENGINE = 1;

  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Vault anonymous;
  private volatile @Nullable Login login;
  private Scheduler.Cancellable pending = () -> {};
  private volatile boolean closed;

  /** How to reach Vault and prove who we are. */
  record Settings(
      String address,
      @Nullable Secret token,
      @Nullable AppRoleLogin appRole,
      @Nullable String namespace,
      HttpClient httpClient,
      int timeoutSeconds,
      Clock clock,
      Scheduler scheduler,
      Executor executor) {}

  /** An AppRole to log in with. */
  record AppRoleLogin(String mount, Secret roleId, Secret secretId) {}

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

  VaultSession(Settings settings) {
    this.settings = settings;
    this.anonymous = vault(null, GENERIC_ENGINE, 1);
    if (settings.token() != null) {
      this.login = new Login(new Clients(settings.token()), null, false);
    }
  }

  /**
   * Sends {@code request} with the current token; answers that every operation treats alike (403,
   * sealed, 5xx) become exceptions, the rest are returned.
   */
  VaultReply send(Operation op, Request request) {
    Login current = current(op);
    VaultReply reply = attempt(op, request, current);
    if (reply.isInvalidToken() && settings.appRole() != null) {
      reply = attempt(op, request, logInAgain(current));
    }
    if (reply.isInvalidToken()) {
      throw new TokenStoreException("Vault refused its token while " + op.description()
          + ": the token is unknown, revoked or expired" + (settings.appRole() == null ? "; give a valid token" : ""),
          false, null);
    }
    TokenStoreException common = VaultFailures.common(op, reply);
    if (common != null) {
      throw common;
    }
    return reply;
  }

  String address() {
    return settings.address();
  }

  private VaultReply attempt(Operation op, Request request, Login login) {
    try {
      return request.send(login.clients());
    } catch (VaultException e) {
      return VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, settings.address()));
    }
  }

  private Login current(Operation op) {
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
    AppRoleLogin role = settings.appRole();
    if (role == null) {
      throw new IllegalStateException("no AppRole to log in with");
    }
    Operation op = new Operation("logging in with AppRole", "update", "auth/" + role.mount() + "/login");
    AuthResponse response;
    try {
      response = anonymous.auth().loginByAppRole(role.mount(), role.roleId().reveal(), role.secretId().reveal());
    } catch (VaultException e) {
      VaultReply reply = VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, settings.address()));
      if (reply.status() == 400) {
        throw new TokenStoreException("Vault refused the AppRole login on auth/" + role.mount()
            + ": check the role id and secret id" + reply.saying(), false, null);
      }
      TokenStoreException common = VaultFailures.common(op, reply);
      throw common != null ? common : VaultFailures.unexpected(op, reply);
    }
    String token = response.getAuthClientToken();
    if (token == null || token.isBlank()) {
      throw new TokenStoreException("Vault answered the AppRole login without a client token", false, null);
    }
    long ttl = response.getAuthLeaseDuration();
    Instant now = settings.clock().instant();
    Login fresh = new Login(new Clients(new Secret(token, "client token")), ttl > 0 ? now.plusSeconds(ttl) : null,
        response.isAuthRenewable());
    login = fresh;
    LOG.info("Logged in to Vault at {} with AppRole on auth/{}: token TTL {} s, {}", settings.address(), role.mount(),
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
