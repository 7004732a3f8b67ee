package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher;

/**
 * A {@link TokenCipher} backed by Vault's Transit engine: encryption and decryption happen in Vault
 * with a named key ({@code aes256-gcm96}, Transit's default), so the key never leaves Vault and a
 * store such as the JDBC one keeps only ciphertext. The associated data is sent as Transit's {@code
 * associated_data}, which AES-GCM authenticates with the ciphertext: a ciphertext presented with
 * other associated data, or altered, fails to decrypt.
 *
 * <pre>{@code
 * TokenCipher cipher = VaultTransitCipher.builder(vault)   // a VaultConnection
 *     .key("krebit-tokens")
 *     .build();
 * }</pre>
 *
 * <p><b>Servers.</b> Transit binds {@code associated_data} from Vault 1.13 (and in every OpenBao);
 * older Vaults ignore it. Before its first encryption, decryption or key lookup the cipher reads
 * the server's version from {@code sys/health} (once; where the version is hidden, it checks with
 * one encrypt and decrypt) and refuses an older server with a {@link KrebitConfigurationException},
 * rather than store ciphertexts bound to nothing.
 *
 * <p><b>Key ids and rotation.</b> A ciphertext is Transit's own {@code vault:v<N>:<base64>}, kept
 * as its UTF-8 bytes; its key id is {@code vault-transit:<key>:v<N>}. Rotating the key in Vault
 * ({@code vault write -f transit/keys/<key>/rotate}) makes new ciphertexts use the new version;
 * older ones decrypt as long as their version is at or above the key's {@code
 * min_decryption_version}. {@link #currentKeyId()} asks Vault for the key's latest version.
 *
 * <p>Failures are {@link TokenStoreException}s: not retryable when a ciphertext does not decrypt
 * (altered, other associated data, another key, a version no longer allowed) or the policy lacks a
 * capability; retryable when Vault is sealed or unavailable. Thread-safe; never logs plaintext or
 * ciphertext.
 */
public final class VaultTransitCipher implements TokenCipher {
  /** The Transit mount used unless the builder names another. */
  public static final String DEFAULT_MOUNT = "transit";

  private static final String KEY_ID_PREFIX = "vault-transit:";
  private static final Pattern CIPHERTEXT =
      Pattern.compile("vault:v([1-9][0-9]{0,9}):[A-Za-z0-9+/=]+");

  /**
   * Vault's framework.GenericNameRegex, {@code \w(([\w-.]+)?\w)?}: Vault routes no other key name.
   */
  private static final Pattern KEY_NAME =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final VaultConnection connection;
  private final String mount;
  private final String key;
  private final TransitBinding binding;

  private VaultTransitCipher(VaultConnection connection, String mount, String key) {
    this.connection = connection;
    this.mount = mount;
    this.key = key;
    this.binding =
        new TransitBinding(connection.session(), mount + "/keys/" + key, this::roundTripBinds);
  }

  /** A builder using {@code connection}; the key name is required. */
  public static Builder builder(VaultConnection connection) {
    return new Builder(requireNonNull(connection, "connection"));
  }

  /**
   * {@code vault-transit:<key>:v<latest version>}, as Vault reports it now; needs {@code read} on
   * the key.
   */
  @Override
  public String currentKeyId() {
    binding.require();
    Operation op = Operation.needing("reading Transit key " + key, "read", mount + "/keys/" + key);
    VaultReply reply = readKey(op);
    if (reply.status() == 404) {
      throw noSuchKey("");
    }
    long latest =
        reply.status() == 200
            ? reply.data().map(d -> d.getLong("latest_version", 0)).orElse(0L)
            : 0;
    if (latest < 1) {
      throw VaultFailures.unexpected(op, reply);
    }
    return keyId(latest);
  }

  @Override
  public Ciphertext encrypt(byte[] plaintext, byte[] associatedData) {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(associatedData, "associatedData");
    binding.require();
    return seal(plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(Ciphertext ciphertext, byte[] associatedData) {
    requireNonNull(ciphertext, "ciphertext");
    requireNonNull(associatedData, "associatedData");
    String text = new String(ciphertext.bytes(), UTF_8);
    Matcher matcher = CIPHERTEXT.matcher(text);
    if (!matcher.matches() || !ciphertext.keyId().equals(keyId(Long.parseLong(matcher.group(1))))) {
      throw new TokenStoreException(
          "A ciphertext under key id "
              + printable(ciphertext.keyId())
              + " is not one of Transit key "
              + mount
              + "/keys/"
              + key
              + ", or was altered",
          false,
          null);
    }
    binding.require();
    VaultReply reply = open(text, associatedData);
    if (reply.status() == 400) {
      throw refused(ciphertext, reply.saying());
    }
    String plaintext =
        reply.status() == 200
            ? reply
                .data()
                .map(d -> d.get("plaintext"))
                .filter(JsonValue::isString)
                .map(JsonValue::asString)
                .orElse(null)
            : null;
    Operation op = decrypting();
    if (plaintext == null) {
      throw VaultFailures.unexpected(op, reply);
    }
    try {
      return Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw VaultFailures.unexpected(op, new VaultReply(reply.status(), new JsonObject()));
    }
  }

  private Ciphertext seal(byte[] plaintext, byte[] associatedData) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
    body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
    Operation op =
        Operation.needing(
            "encrypting with Transit key " + key, "update", mount + "/encrypt/" + key);
    VaultReply reply =
        connection
            .session()
            .sendAllowingDenial(
                op,
                clients ->
                    VaultReply.of(
                        clients
                            .generic()
                            .logical()
                            .write(mount + "/encrypt/" + key, body)
                            .getRestResponse()));
    refuseIfIgnored(reply);
    if (reply.status() == 403) {
      // Encrypting to a missing key would create it, which needs 'create': say that the key is
      // missing instead.
      throw keyMissing()
          ? noSuchKey(
              " (encrypting would create it, which the policy does not allow"
                  + reply.saying()
                  + ")")
          : VaultFailures.denied(op, reply);
    }
    if (reply.status() == 400 && reply.says("not found")) {
      throw noSuchKey(reply.saying());
    }
    String ciphertext =
        reply.status() == 200
            ? reply
                .data()
                .map(d -> d.get("ciphertext"))
                .filter(JsonValue::isString)
                .map(JsonValue::asString)
                .orElse("")
            : "";
    Matcher matcher = CIPHERTEXT.matcher(ciphertext);
    if (!matcher.matches()) {
      throw VaultFailures.unexpected(op, reply);
    }
    return new Ciphertext(keyId(Long.parseLong(matcher.group(1))), ciphertext.getBytes(UTF_8));
  }

  /**
   * Vault's answer to a decryption: 200 with the plaintext, or 400 when the ciphertext or
   * associated data is wrong.
   */
  private VaultReply open(String ciphertext, byte[] associatedData) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ciphertext", ciphertext);
    body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
    VaultReply reply;
    try {
      reply =
          connection
              .session()
              .send(
                  decrypting(),
                  clients ->
                      VaultReply.of(
                          clients
                              .generic()
                              .logical()
                              .write(mount + "/decrypt/" + key, body)
                              .getRestResponse()));
    } catch (TokenStoreException e) {
      // Older Vaults answer a failed authentication with 500; it is the ciphertext, not Vault.
      if (e.isRetryable() && e.getMessage().contains("message authentication failed")) {
        return new VaultReply(400, new JsonObject());
      }
      throw e;
    }
    refuseIfIgnored(reply);
    return reply;
  }

  /** Whether a probe sealed with one associated data fails to open with another, as it must. */
  private boolean roundTripBinds() {
    byte[] probe = new byte[16];
    RANDOM.nextBytes(probe);
    Ciphertext sealed = seal(probe, "krebit-binding-check:1".getBytes(UTF_8));
    VaultReply reply =
        open(new String(sealed.bytes(), UTF_8), "krebit-binding-check:2".getBytes(UTF_8));
    if (reply.status() != 200 && reply.status() != 400) {
      throw VaultFailures.unexpected(decrypting(), reply);
    }
    return reply.status() == 400;
  }

  private void refuseIfIgnored(VaultReply reply) {
    if (reply.warnings().stream().anyMatch(w -> w.contains("associated_data"))) {
      throw binding.warnedOfIgnoring();
    }
  }

  /**
   * Whether Vault says the key does not exist; false when it exists or the policy does not let us
   * look.
   */
  private boolean keyMissing() {
    try {
      return readKey(
                  Operation.needing("reading Transit key " + key, "read", mount + "/keys/" + key))
              .status()
          == 404;
    } catch (TokenStoreException e) {
      return false;
    }
  }

  private VaultReply readKey(Operation op) {
    return connection
        .session()
        .send(
            op,
            clients ->
                VaultReply.of(
                    clients.generic().logical().read(mount + "/keys/" + key).getRestResponse()));
  }

  private Operation decrypting() {
    return Operation.needing(
        "decrypting with Transit key " + key, "update", mount + "/decrypt/" + key);
  }

  private TokenStoreException noSuchKey(String saying) {
    return new TokenStoreException(
        "Vault has no Transit key "
            + mount
            + "/keys/"
            + key
            + ": create it with"
            + " vault write -f "
            + mount
            + "/keys/"
            + key
            + saying,
        false,
        null);
  }

  private TokenStoreException refused(Ciphertext ciphertext, String saying) {
    return new TokenStoreException(
        "Transit key "
            + mount
            + "/keys/"
            + key
            + " refused to decrypt a ciphertext under "
            + printable(ciphertext.keyId())
            + ": it was altered, belongs to other data, or its key version is no longer"
            + " allowed"
            + saying,
        false,
        null);
  }

  private String keyId(long version) {
    return KEY_ID_PREFIX + key + ":v" + version;
  }

  private static String printable(String value) {
    return se.krebit.auth.internal.PrintableText.line(value, 100);
  }

  @Override
  public String toString() {
    return "VaultTransitCipher[" + connection.address() + ", " + mount + "/keys/" + key + "]";
  }

  /** Configures a {@link VaultTransitCipher}. Not thread-safe. */
  public static final class Builder {
    private final VaultConnection connection;
    private String mount = DEFAULT_MOUNT;
    private String key = "";

    private Builder(VaultConnection connection) {
      this.connection = connection;
    }

    /** The Transit mount; default {@value VaultTransitCipher#DEFAULT_MOUNT}. */
    public Builder mount(String mount) {
      this.mount = VaultPaths.checkMount(mount, "mount");
      return this;
    }

    /**
     * The name of the Transit key, as Vault routes key names: letters, digits, {@code _}, {@code .}
     * and {@code -}, starting and ending with a letter, digit or {@code _}. Required.
     */
    public Builder key(String key) {
      requireNonNull(key, "key");
      if (!KEY_NAME.matcher(key).matches()) {
        throw new KrebitConfigurationException(
            "the Transit key name must be letters, digits, '_', '.' and '-', and"
                + " start and end with a letter, digit or '_' (Vault routes no other name, answering 404)");
      }
      this.key = key;
      return this;
    }

    /** The cipher; it makes no request until used. */
    public VaultTransitCipher build() {
      if (key.isEmpty()) {
        throw new KrebitConfigurationException("name the Transit key of the VaultTransitCipher");
      }
      return new VaultTransitCipher(connection, mount, key);
    }
  }
}
