package se.krebit.testkit.vault;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.internal.FaultPlan;
import se.krebit.testkit.internal.LocalWireMock;

/**
 * A stateful fake of the parts of HashiCorp Vault's (and OpenBao's) HTTP API that Krebit's Vault
 * store and Transit cipher use, on WireMock over {@code 127.0.0.1}, written from their API
 * documentation and source, answering as the {@linkplain Builder#flavour flavour} of server chosen
 * (Vault 1.17+ by default):
 *
 * <ul>
 *   <li>KV version 2 mounts: {@code GET/POST/DELETE <mount>/data/<path>} with versions, {@code
 *       options.cas} and {@code cas_required}, soft delete of the latest version, and {@code
 *       GET/POST/DELETE <mount>/metadata/<path>}; see {@link KvEngine} for the version rules; a
 *       mount {@linkplain #startKvUpgrade being upgraded} answers 400;
 *   <li>AppRole login at {@code auth/<mount>/login} with secret ids limited in uses and time and
 *       {@linkplain #newWrappedSecretId response-wrapped} ({@code sys/wrapping/unwrap}), {@code
 *       auth/token/lookup-self} and {@code auth/token/renew-self}, with token TTLs and max TTLs on
 *       {@link #clock()}: an expired or revoked token gets 403, worded as the flavour words it;
 *   <li>Transit mounts: {@code encrypt/<key>}, {@code decrypt/<key>} (with {@code associated_data}
 *       and {@code context}), {@code keys/<key>} and {@code keys/<key>/rotate}, with key versions
 *       in {@code vault:v<N>:} ciphertexts; key names start and end with a word character, others
 *       are 404;
 *   <li>{@code sys/health} with the flavour's version; a sealed mode (503 {@code Vault is sealed}),
 *       a {@linkplain #becomeStandbyOf standby mode} (307 to the active node), path policies that
 *       deny capabilities (403 {@code permission denied}), {@linkplain #warnOn warnings} on chosen
 *       paths (a 204 then becomes a 200 with them), and scripted faults.
 * </ul>
 *
 * <p>Responses are shaped as the flavour's: {@code request_id}, {@code lease_id}, {@code
 * renewable}, {@code lease_duration}, {@code data}, {@code wrap_info}, {@code warnings}, {@code
 * auth} and, from Vault 1.16, {@code mount_type}; or {@code {"errors":[...]}} with the status Vault
 * uses.
 *
 * <pre>{@code
 * try (FakeVaultServer vault = FakeVaultServer.builder()
 *     .kvMount("secret")
 *     .transitKey("krebit-tokens")
 *     .appRole("role-id", "secret-id")
 *     .build()
 *     .start()) {
 *   vault.deny("secret/data/krebit/*", "update");
 *   // point a client at vault.address() with vault.rootToken() or the AppRole ...
 *   assertThat(vault.journal().logins()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. The journal and log name paths and fingerprints, never a token, secret id or
 * stored value; WireMock's own request log is off, as it would keep them.
 */
public final class FakeVaultServer implements AutoCloseable {
  /** The TTL of AppRole tokens unless the builder sets another: one hour. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);

  /** The max TTL of AppRole tokens unless the builder sets another: Vault's default, 768 hours. */
  public static final Duration DEFAULT_TOKEN_MAX_TTL = Duration.ofHours(768);

  private static final String NAME = "the fake Vault";

  private final SettableClock clock;
  private final VaultFlavour flavour;
  private final VaultTokens tokens;
  private final AppRoleSecretIds secretIds;
  private final WrappedResponses wrapped;
  private final Optional<AppRole> appRole;
  private final PolicyDenials denials = new PolicyDenials();
  private final FaultPlan faults = new FaultPlan();
  private final VaultRequestJournal journal = new VaultRequestJournal();
  private final VaultModes modes = new VaultModes();
  private final List<KvEngine> kv;
  private final List<TransitEngine> transit;
  private final String rootToken;
  private final boolean https;
  private final WireMockServer wireMock;

  private FakeVaultServer(Builder builder) {
    this.clock = builder.clock;
    this.flavour = builder.flavour;
    this.tokens = new VaultTokens(clock);
    this.secretIds = new AppRoleSecretIds(clock);
    this.wrapped = new WrappedResponses(clock, tokens);
    this.appRole = builder.appRole();
    if (appRole.isPresent()) {
      secretIds.add(requireNonNull(builder.secretId), 0, Duration.ZERO);
    }
    this.kv =
        builder.kvMounts.stream().map(m -> new KvEngine(m, clock, builder.casRequired)).toList();
    this.transit =
        builder.transitMounts().stream().map(m -> new TransitEngine(m, clock, flavour)).toList();
    builder.transitKeys.forEach(key -> transitEngine(key[0]).create(key[1], false));
    this.rootToken = tokens.issue("auth/token/root", List.of("root"), null, null, false, Map.of());
    AuthRoutes auth = new AuthRoutes(appRole, secretIds, tokens, wrapped, flavour);
    VaultRoutes routes = new VaultRoutes(kv, transit, auth, tokens, denials, modes, flavour);
    VaultHealth health = new VaultHealth(flavour, modes, clock, builder.hideVersion);
    WireMockConfiguration config =
        LocalWireMock.options("se.krebit.testkit.vault.wiremock")
            .disableRequestJournal()
            .extensions(new VaultResponder(routes, health, faults, journal, clock, modes, flavour));
    config = builder.port == 0 ? config.dynamicPort() : config.port(builder.port);
    this.https = builder.keystore != null;
    if (https) {
      config =
          LocalWireMock.keystore(
              config.dynamicHttpsPort(), builder.keystore, builder.keystorePassword);
    }
    this.wireMock = new WireMockServer(config);
    wireMock.stubFor(
        WireMock.any(WireMock.anyUrl())
            .atPriority(LocalWireMock.CATCH_ALL_PRIORITY)
            .willReturn(WireMock.aResponse()));
  }

  /**
   * A builder with no mounts but {@code secret} (KV v2) and {@code transit}, no AppRole, a fresh
   * clock, a free port, answering as {@link VaultFlavour#VAULT_1_17_PLUS}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening; returns this server. @throws IllegalStateException if it is running already
   */
  public FakeVaultServer start() {
    LocalWireMock.start(wireMock, NAME);
    return this;
  }

  /** Stops listening. Idempotent; state is kept. */
  public void stop() {
    LocalWireMock.stop(wireMock);
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether it is listening. */
  public boolean isRunning() {
    return wireMock.isRunning();
  }

  /**
   * Its address for {@code VAULT_ADDR}, such as {@code http://127.0.0.1:8200}. Requires it to be
   * running.
   */
  public URI address() {
    LocalWireMock.requireRunning(wireMock, NAME);
    return URI.create("http://" + LocalWireMock.HOST + ":" + wireMock.port());
  }

  /**
   * Its HTTPS address, {@code https://localhost:<port>}, when the builder gave it a {@linkplain
   * Builder#https keystore}. Requires it to be running.
   */
  public URI httpsAddress() {
    LocalWireMock.requireRunning(wireMock, NAME);
    if (!https) {
      throw new IllegalStateException(
          "the fake Vault was built without a keystore, so it has no HTTPS port");
    }
    return URI.create("https://localhost:" + wireMock.httpsPort());
  }

  /** A token with every capability that never expires, as Vault's root token. */
  public String rootToken() {
    return rootToken;
  }

  /**
   * Issues a token with {@code ttl} (and a max TTL of {@link #DEFAULT_TOKEN_MAX_TTL}), as {@code
   * vault token create} does.
   */
  public String issueToken(Duration ttl, boolean renewable) {
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return tokens.issue(
        "auth/token/create",
        List.of("default", "krebit"),
        ttl,
        DEFAULT_TOKEN_MAX_TTL,
        renewable,
        Map.of());
  }

  /** Which server it answers as. */
  public VaultFlavour flavour() {
    return flavour;
  }

  /**
   * Revokes a token: from now on it gets 403, worded as the {@linkplain #flavour() flavour} words
   * it.
   */
  public boolean revokeToken(String token) {
    return tokens.revoke(requireNonNull(token, "token"));
  }

  /**
   * Revokes every token issued by a login at {@code path}, such as {@code auth/approle/login}, as
   * {@code vault token revoke -mode=path} does; returns how many there were.
   */
  public int revokeTokensIssuedAt(String path) {
    return tokens.revokeIssuedAt(requireNonNull(path, "path"));
  }

  /** The clock that token TTLs and the journal are measured on. */
  public SettableClock clock() {
    return clock;
  }

  /** Every request since start or the last {@link #reset()}. */
  public VaultRequestJournal journal() {
    return journal;
  }

  /**
   * Generates a secret id for the AppRole role, as {@code vault write
   * auth/approle/role/<role>/secret-id num_uses=<n> ttl=<ttl>}: it logs in {@code numUses} times
   * (0: without limit) until {@code ttl} has passed (zero: forever), then is refused as {@code
   * invalid role or secret ID}.
   *
   * @throws IllegalStateException if the builder gave no AppRole
   */
  public String newSecretId(int numUses, Duration ttl) {
    checkSecretIdLimits(numUses, ttl);
    requireAppRole();
    return secretIds.generate(numUses, ttl);
  }

  /**
   * Generates a secret id as {@link #newSecretId} does, but response-wrapped, as with {@code vault
   * write -wrap-ttl=<wrapTtl> ...}: returns the wrapping token, which {@code sys/wrapping/unwrap}
   * exchanges once, before {@code wrapTtl} ends, for the secret id.
   */
  public String newWrappedSecretId(int numUses, Duration ttl, Duration wrapTtl) {
    requireNonNull(wrapTtl, "wrapTtl");
    if (wrapTtl.isNegative() || wrapTtl.isZero()) {
      throw new IllegalArgumentException("wrapTtl must be positive, was " + wrapTtl);
    }
    String secretId = newSecretId(numUses, ttl);
    Map<String, Object> response = secretIds.response(secretId, flavour);
    return wrapped.wrap(response, wrapTtl);
  }

  /**
   * Seals it: every API request but {@code sys/health} gets 503 {@code Vault is sealed} until
   * {@link #unseal()}.
   */
  public void seal() {
    modes.sealed(true);
  }

  /** Unseals it. */
  public void unseal() {
    modes.sealed(false);
  }

  /**
   * Makes it a standby node whose request forwarding is off: every API request but {@code
   * sys/health} gets 307 with a {@code Location} on {@code activeNode}, until {@link
   * #becomeActive()}; {@code sys/health} answers 429 ({@code standbyok=true}: 200).
   */
  public void becomeStandbyOf(URI activeNode) {
    modes.standbyOf(requireNonNull(activeNode, "activeNode"));
  }

  /** Makes it the active node again. */
  public void becomeActive() {
    modes.standbyOf(null);
  }

  /**
   * Starts the upgrade of a KV mount to version 2, as just after {@code vault secrets enable
   * -version=2} or {@code vault kv enable-versioning}: every request to it gets 400 {@code
   * Upgrading from non-versioned to versioned data...} until {@link #finishKvUpgrade}.
   */
  public void startKvUpgrade(String mount) {
    modes.upgrading(kvEngine(mount).mount(), true);
  }

  /** Ends a KV mount's upgrade. */
  public void finishKvUpgrade(String mount) {
    modes.upgrading(kvEngine(mount).mount(), false);
  }

  /**
   * Adds {@code warning} to every successful answer on paths matching {@code pathPattern} (as in
   * {@link #deny}); an answer without a body (204) then becomes 200 with the envelope and the
   * warnings, as Vault answers whenever something warns about a request that returns nothing.
   */
  public void warnOn(String pathPattern, String warning) {
    modes.warn(requireNonNull(pathPattern, "pathPattern"), requireNonNull(warning, "warning"));
  }

  /**
   * Takes {@code capabilities} away on paths matching {@code pathPattern} (as in a Vault policy,
   * {@code +} for one segment, a trailing {@code *} for any rest), for every token, until {@link
   * #reset()}: such requests get 403 {@code permission denied}.
   *
   * <pre>{@code
   * vault.deny("secret/data/krebit/*", "update");
   * }</pre>
   */
  public void deny(String pathPattern, String... capabilities) {
    requireNonNull(pathPattern, "pathPattern");
    if (capabilities.length == 0) {
      throw new IllegalArgumentException("name at least one capability to deny");
    }
    denials.deny(pathPattern, Set.copyOf(Arrays.asList(capabilities)));
  }

  /**
   * Answers the next {@code times} API requests with {@code fault}, after those already scripted.
   */
  public void failNextRequests(int times, InjectedFault fault) {
    faults.add(times, requireNonNull(fault, "fault"));
  }

  /**
   * The paths of the keys on a KV mount (relative to it), sorted; keys with only deleted versions
   * included.
   */
  public List<String> kvPaths(String mount) {
    return kvEngine(mount).paths();
  }

  /** The current version of a KV key, as its metadata says; empty if the key does not exist. */
  public OptionalLong kvCurrentVersion(String mount, String path) {
    return kvEngine(mount).currentVersion(requireNonNull(path, "path"));
  }

  /**
   * The data of the latest version of a KV key, unless it is deleted; for looking behind a client's
   * back.
   */
  public Optional<Map<String, Object>> kvData(String mount, String path) {
    return kvEngine(mount).latestData(requireNonNull(path, "path"));
  }

  /**
   * Soft-deletes the latest version of a KV key, as {@code vault kv delete} does: the key and its
   * version count stay.
   */
  public void kvSoftDelete(String mount, String path) {
    kvEngine(mount).deleteLatest(requireNonNull(path, "path"));
  }

  /**
   * Rotates a Transit key, as {@code vault write -f transit/keys/<key>/rotate}; returns the new
   * latest version.
   */
  public int transitRotate(String mount, String key) {
    TransitEngine engine = transitEngine(mount);
    engine.rotate(requireNonNull(key, "key"));
    return engine.latestVersion(key);
  }

  /** The latest version of a Transit key. */
  public int transitLatestVersion(String mount, String key) {
    return transitEngine(mount).latestVersion(requireNonNull(key, "key"));
  }

  /** Sets a Transit key's {@code min_decryption_version}: older ciphertexts no longer decrypt. */
  public void transitMinDecryptionVersion(String mount, String key, int version) {
    transitEngine(mount).minDecryptionVersion(requireNonNull(key, "key"), version);
  }

  /**
   * Forgets what tests scripted and saw: faults, denials, the seal, standby mode, KV upgrades,
   * warnings and the journal. Keeps the data, keys, tokens, roles, secret ids and the clock's time.
   */
  public void reset() {
    faults.clear();
    denials.clear();
    modes.reset();
    journal.clear();
  }

  private KvEngine kvEngine(String mount) {
    requireNonNull(mount, "mount");
    return kv.stream()
        .filter(e -> e.mount().equals(mount))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no KV mount '" + mount + "'"));
  }

  private TransitEngine transitEngine(String mount) {
    requireNonNull(mount, "mount");
    return transit.stream()
        .filter(e -> e.mount().equals(mount))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Transit mount '" + mount + "'"));
  }

  @Override
  public String toString() {
    return "FakeVaultServer["
        + (isRunning() ? address() : "stopped")
        + ", kv "
        + kv.stream().map(KvEngine::mount).toList()
        + ", transit "
        + transit.stream().map(TransitEngine::mount).toList()
        + ", "
        + flavour
        + (modes.sealed() ? ", sealed" : "")
        + "]";
  }

  private void requireAppRole() {
    if (appRole.isEmpty()) {
      throw new IllegalStateException(
          "the fake Vault was built without an AppRole; call appRole(roleId, secretId)");
    }
  }

  private static void checkSecretIdLimits(int numUses, Duration ttl) {
    requireNonNull(ttl, "ttl");
    if (numUses < 0 || ttl.isNegative()) {
      throw new IllegalArgumentException(
          "numUses and ttl must not be negative, were " + numUses + " and " + ttl);
    }
  }

  /** Configures a {@link FakeVaultServer}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> kvMounts = new LinkedHashSet<>();
    private final Set<String> transitMounts = new LinkedHashSet<>();
    private final List<String[]> transitKeys = new ArrayList<>();
    private boolean casRequired;
    private VaultFlavour flavour = VaultFlavour.VAULT_1_17_PLUS;
    private boolean hideVersion;
    private @Nullable String roleId;
    private @Nullable String secretId;
    private String appRoleMount = "approle";
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private Duration tokenMaxTtl = DEFAULT_TOKEN_MAX_TTL;
    private SettableClock clock = SettableClock.startingNow();
    private int port;
    private @Nullable Path keystore;
    private String keystorePassword = "";

    private Builder() {
      kvMounts.add("secret");
    }

    /** Adds a KV version 2 mount, such as {@code kv/team}; {@code secret} is always there. */
    public Builder kvMount(String mount) {
      kvMounts.add(checkMount(mount));
      return this;
    }

    /**
     * Makes every KV mount require {@code cas} on writes, as {@code cas_required=true} in its
     * config.
     */
    public Builder casRequired(boolean required) {
      this.casRequired = required;
      return this;
    }

    /** Adds a Transit mount; {@code transit} is always there. */
    public Builder transitMount(String mount) {
      transitMounts.add(checkMount(mount));
      return this;
    }

    /** Creates an {@code aes256-gcm96} key on the {@code transit} mount, at version 1. */
    public Builder transitKey(String name) {
      return transitKey("transit", name);
    }

    /** Creates an {@code aes256-gcm96} key on a Transit mount (added if new), at version 1. */
    public Builder transitKey(String mount, String name) {
      transitMounts.add(checkMount(mount));
      transitKeys.add(new String[] {mount, requireNonNull(name, "name")});
      return this;
    }

    /** Which server to answer as; default {@link VaultFlavour#VAULT_1_17_PLUS}. */
    public Builder flavour(VaultFlavour flavour) {
      this.flavour = requireNonNull(flavour, "flavour");
      return this;
    }

    /**
     * Answers {@code sys/health} with an empty {@code version}, as a deployment that hides its
     * version from unauthenticated callers does; the flavour's behaviour stays.
     */
    public Builder hideVersion() {
      this.hideVersion = true;
      return this;
    }

    /**
     * Accepts AppRole logins with this role id and secret id (without limit of uses or time), on
     * the {@linkplain #appRoleMount mount}; {@link FakeVaultServer#newSecretId} makes more.
     */
    public Builder appRole(String roleId, String secretId) {
      this.roleId = requireNonNull(roleId, "roleId");
      this.secretId = requireNonNull(secretId, "secretId");
      return this;
    }

    /** Where AppRole is mounted; default {@code approle}. */
    public Builder appRoleMount(String mount) {
      this.appRoleMount = checkMount(mount);
      return this;
    }

    /**
     * The TTL and max TTL of AppRole tokens; defaults {@link #DEFAULT_TOKEN_TTL} and {@link
     * #DEFAULT_TOKEN_MAX_TTL}.
     */
    public Builder appRoleTokenTtl(Duration ttl, Duration maxTtl) {
      requireNonNull(ttl, "ttl");
      requireNonNull(maxTtl, "maxTtl");
      if (ttl.getSeconds() < 1 || maxTtl.compareTo(ttl) < 0) {
        throw new IllegalArgumentException(
            "need 1 s <= ttl <= maxTtl, got ttl " + ttl + " and maxTtl " + maxTtl);
      }
      this.tokenTtl = ttl;
      this.tokenMaxTtl = maxTtl;
      return this;
    }

    /** The clock for token TTLs and the journal; by default a new one at the real current time. */
    public Builder clock(SettableClock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The HTTP port; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = LocalWireMock.checkPort(port);
      return this;
    }

    /** Also serves HTTPS, on a free port, with the key and certificate in a PKCS#12 keystore. */
    public Builder https(Path pkcs12Keystore, String password) {
      this.keystore = requireNonNull(pkcs12Keystore, "pkcs12Keystore");
      this.keystorePassword = requireNonNull(password, "password");
      return this;
    }

    /** A server, not yet started. */
    public FakeVaultServer build() {
      return new FakeVaultServer(this);
    }

    private Optional<AppRole> appRole() {
      return roleId == null
          ? Optional.empty()
          : Optional.of(new AppRole(appRoleMount, "krebit", roleId, tokenTtl, tokenMaxTtl));
    }

    private Set<String> transitMounts() {
      Set<String> mounts = new LinkedHashSet<>(List.of("transit"));
      mounts.addAll(transitMounts);
      return mounts;
    }

    private static String checkMount(String mount) {
      requireNonNull(mount, "mount");
      if (!mount.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")) {
        throw new IllegalArgumentException(
            "a mount is segments of letters, digits, '_', '.' and '-' joined by '/', not " + mount);
      }
      return mount;
    }
  }
}
