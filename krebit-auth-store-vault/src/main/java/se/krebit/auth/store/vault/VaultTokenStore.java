package se.krebit.auth.store.vault;

import static java.util.Objects.requireNonNull;

import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * A {@link TokenStore} in HashiCorp Vault's KV version 2 engine, safe to share between the nodes of
 * a cluster: one secret per (tenant, client, subject) at {@code
 * <mount>/data/<prefix>/<tenant>/<client>/<subject>}, written with check-and-set ({@code
 * options.cas}), so of many nodes writing the same version exactly one wins. That is all the flows
 * need to redeem each refresh token once across the cluster.
 *
 * <pre>{@code
 * TokenStore store = VaultTokenStore.builder(vault)   // a VaultConnection
 *     .mount("secret")
 *     .pathPrefix("krebit/tokens")
 *     .build();
 * }</pre>
 *
 * <p><b>Paths.</b> Each key part is one path segment, escaped so that no subject can climb out of
 * its place: every byte but {@code [A-Za-z0-9_-]} is written {@code ~XX}, so {@code ../alice}
 * becomes {@code ~2E~2E~2Falice}.
 *
 * <p><b>Versions.</b> The store keeps its own version inside the secret and uses Vault's version
 * only for {@code cas}: version 0 means no live record, a create after a delete starts again at 1,
 * and a record whose latest Vault version was soft-deleted behind the store's back (or by {@code
 * delete_version_after}) reads as absent and can be created anew. Creating a new key takes one
 * write; any other write reads the current Vault version first and writes with it as {@code cas}.
 *
 * <p><b>Encryption.</b> Vault encrypts everything it stores. For defence in depth (a Vault
 * operator, a backup, a policy that lets others read the path), give a {@link TokenCipher}, such as
 * a {@link VaultTransitCipher} with a key of its own: the access and refresh tokens are then
 * sealed, bound to the key and version. Without one they are stored as KV values, and readable by
 * anyone whose policy can read the path.
 *
 * <p><b>Sign-out</b> deletes the secret's metadata, so no version lingers; Vault's answer may be
 * 204 or, when something warned, 200 with the warnings (logged). Errors are {@link
 * TokenStoreException}s: retryable for a sealed or unavailable Vault, a standby that redirects
 * (307) and a KV mount being upgraded to version 2; not retryable, naming the missing policy
 * capability, for a 403. Works with Vault 1.13 and later and OpenBao 2. Thread-safe.
 */
public final class VaultTokenStore implements TokenStore {
  /** The KV version 2 mount used unless the builder names another. */
  public static final String DEFAULT_MOUNT = "secret";

  /** The path under the mount used unless the builder names another. */
  public static final String DEFAULT_PATH_PREFIX = "krebit/tokens";

  private static final Logger LOG = LoggerFactory.getLogger(VaultTokenStore.class);

  private final VaultConnection connection;
  private final String mount;
  private final String prefix;
  private final @Nullable TokenCipher cipher;
  private final TokenRecordCodec codec;
  private final int mountDepth;
  private final String policyPath;

  private VaultTokenStore(Builder builder) {
    this.connection = builder.connection;
    this.mount = builder.mount;
    this.prefix = builder.pathPrefix;
    this.cipher = builder.cipher;
    this.codec = new TokenRecordCodec(cipher);
    this.mountDepth = VaultPaths.depth(mount);
    this.policyPath = mount + "/data/" + (prefix.isEmpty() ? "" : prefix + "/") + "*";
  }

  /**
   * A builder storing through {@code connection}, on mount {@value #DEFAULT_MOUNT} under {@value
   * #DEFAULT_PATH_PREFIX}.
   */
  public static Builder builder(VaultConnection connection) {
    return new Builder(requireNonNull(connection, "connection"));
  }

  VaultConnection connection() {
    return connection;
  }

  /** A builder with this store's settings. */
  public Builder toBuilder() {
    return new Builder(connection).mount(mount).pathPrefix(prefix).cipherOrNone(cipher);
  }

  @Override
  public Optional<StoredTokens> load(TokenKey key) {
    requireNonNull(key, "key");
    Current current = read(key);
    return current.live()
        ? Optional.of(codec.decode(key, current.data(), dataPath(key)))
        : Optional.empty();
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    requireNonNull(key, "key");
    requireNonNull(record, "record");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative");
    }
    if (expectedVersion == 0) {
      if (write(key, 0, 1, record)) {
        return Optional.of(new StoredTokens(key, record, 1));
      }
      // The key exists in Vault: live (a lost race), or with its latest version deleted.
    }
    Current current = read(key);
    long storeVersion = current.live() ? codec.version(current.data(), dataPath(key)) : 0;
    if (storeVersion != expectedVersion) {
      return Optional.empty();
    }
    long version = expectedVersion + 1;
    return write(key, current.vaultVersion(), version, record)
        ? Optional.of(new StoredTokens(key, record, version))
        : Optional.empty();
  }

  @Override
  public boolean delete(TokenKey key) {
    requireNonNull(key, "key");
    boolean existed = read(key).live();
    Operation op = Operation.needing("deleting tokens (sign-out)", "delete", metadataPolicyPath());
    VaultReply reply =
        connection
            .session()
            .send(
                op,
                clients -> {
                  // The driver takes only 204 for success; a delete that also warned comes back as
                  // a 200 it throws for.
                  clients.kv(mountDepth).logical().delete(logicalPath(key));
                  return new VaultReply(204, new JsonObject());
                });
    if (reply.status() / 100 != 2 && reply.status() != 404) {
      throw VaultFailures.unexpected(op, reply);
    }
    return existed;
  }

  /**
   * What Vault holds for a key: its current Vault version and, when the latest version is live, its
   * data.
   */
  private record Current(long vaultVersion, @Nullable JsonObject values) {
    boolean live() {
      return values != null;
    }

    JsonObject data() {
      return requireNonNull(values);
    }
  }

  private Current read(TokenKey key) {
    Operation op = Operation.needing("reading tokens", "read", policyPath);
    VaultReply reply =
        connection
            .session()
            .send(
                op,
                clients ->
                    VaultReply.of(
                        clients.kv(mountDepth).logical().read(logicalPath(key)).getRestResponse()));
    if (reply.status() == 404) {
      // No key at all, or its latest version is deleted or destroyed: then Vault still shows its
      // metadata.
      long version =
          reply
              .data()
              .map(d -> d.get("metadata"))
              .filter(JsonValue::isObject)
              .map(m -> m.asObject().getLong("version", 0))
              .orElse(0L);
      return new Current(version, null);
    }
    if (reply.status() != 200) {
      throw VaultFailures.unexpected(op, reply);
    }
    JsonObject data = reply.data().orElseThrow(() -> VaultFailures.unexpected(op, reply));
    JsonValue values = data.get("data");
    JsonValue metadata = data.get("metadata");
    if (values == null || !values.isObject() || metadata == null || !metadata.isObject()) {
      throw new TokenStoreException(
          "Vault answered a read of "
              + dataPath(key)
              + " without data and metadata: is "
              + mount
              + " a KV version 2 mount?",
          false,
          null);
    }
    return new Current(metadata.asObject().getLong("version", 0), values.asObject());
  }

  /**
   * Writes {@code record} as {@code version} if Vault's current version is {@code cas}; false on a
   * mismatch.
   */
  private boolean write(TokenKey key, long cas, long version, TokenRecord record) {
    Operation op = Operation.needing("writing tokens", cas == 0 ? "create" : "update", policyPath);
    var data = codec.encode(key, version, record);
    VaultReply reply =
        connection
            .session()
            .sendAllowingDenial(
                op,
                clients ->
                    VaultReply.of(
                        clients
                            .kv(mountDepth)
                            .logical()
                            .write(
                                logicalPath(key), data, null, new WriteOptions().checkAndSet(cas))
                            .getRestResponse()));
    if (reply.status() == 200 || reply.status() == 204) {
      return true;
    }
    if (reply.status() == 400 && reply.says("check-and-set parameter did not match")) {
      LOG.debug("Lost a compare-and-set on {} (cas {})", dataPath(key), cas);
      return false;
    }
    if (reply.status() == 403) {
      throw VaultFailures.denied(cas == 0 ? creating(key) : op, reply);
    }
    throw VaultFailures.unexpected(op, reply);
  }

  /**
   * What a refused write with {@code cas} 0 needed: Vault asks for {@code create} only where the
   * secret has no metadata yet; where it has (even with every version deleted) it asks for {@code
   * update}. Reading the secret tells which, when the policy allows reading.
   */
  private Operation creating(TokenKey key) {
    try {
      return read(key).vaultVersion() > 0
          ? Operation.needing(
              "writing tokens where a secret exists already (if only with deleted versions)",
              "update",
              policyPath)
          : Operation.needing("writing tokens", "create", policyPath);
    } catch (TokenStoreException e) {
      return new Operation(
          "writing tokens",
          "'create' (or 'update' where the secret exists, if only with deleted" + " versions)",
          policyPath);
    }
  }

  private String logicalPath(TokenKey key) {
    return mount + "/" + (prefix.isEmpty() ? "" : prefix + "/") + VaultPaths.relative(key);
  }

  private String dataPath(TokenKey key) {
    return mount + "/data/" + (prefix.isEmpty() ? "" : prefix + "/") + VaultPaths.relative(key);
  }

  private String metadataPolicyPath() {
    return mount + "/metadata/" + (prefix.isEmpty() ? "" : prefix + "/") + "*";
  }

  @Override
  public String toString() {
    return "VaultTokenStore["
        + connection.address()
        + ", "
        + mount
        + "/data/"
        + prefix
        + (cipher == null ? "" : ", sealed by " + cipher)
        + "]";
  }

  /** Configures a {@link VaultTokenStore}. Not thread-safe. */
  public static final class Builder {
    private final VaultConnection connection;
    private String mount = DEFAULT_MOUNT;
    private String pathPrefix = DEFAULT_PATH_PREFIX;
    private @Nullable TokenCipher cipher;

    private Builder(VaultConnection connection) {
      this.connection = connection;
    }

    /**
     * The KV version 2 mount, such as {@code secret} or {@code kv/team}; default {@value
     * #DEFAULT_MOUNT}.
     */
    public Builder mount(String mount) {
      this.mount = VaultPaths.checkMount(mount, "mount");
      return this;
    }

    /** The path under the mount, such as {@code krebit/tokens}; empty for the mount's root. */
    public Builder pathPrefix(String pathPrefix) {
      this.pathPrefix = VaultPaths.checkPrefix(pathPrefix);
      return this;
    }

    /**
     * Seals the access and refresh tokens with {@code cipher} before they reach Vault; none by
     * default.
     */
    public Builder cipher(TokenCipher cipher) {
      this.cipher = requireNonNull(cipher, "cipher");
      return this;
    }

    private Builder cipherOrNone(@Nullable TokenCipher cipher) {
      this.cipher = cipher;
      return this;
    }

    /** The store; it makes no request until used. */
    public VaultTokenStore build() {
      return new VaultTokenStore(this);
    }
  }
}
