package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
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
 * store such as the JDBC one keeps only ciphertext. The associated data is sent as Transit's
 * {@code associated_data} (Vault 1.13 and later), which AES-GCM authenticates with the ciphertext:
 * a ciphertext presented with other associated data, or altered, fails to decrypt.
 *
 * <pre>{@code
 * TokenCipher cipher = VaultTransitCipher.builder(vault)   // a VaultConnection
 *     .key("krebit-tokens")
 *     .build();
 * }</pre>
 *
 * <p><b>Key ids and rotation.</b> A ciphertext is Transit's own {@code vault:v<N>:<base64>}, kept
 * as its UTF-8 bytes; its key id is {@code vault-transit:<key>:v<N>}. Rotating the key in Vault
 * ({@code vault write -f transit/keys/<key>/rotate}) makes new ciphertexts use the new version;
 * older ones decrypt as long as their version is at or above the key's
 * {@code min_decryption_version}. {@link #currentKeyId()} asks Vault for the key's latest version.
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
  private static final Pattern CIPHERTEXT = Pattern.compile("vault:v([1-9][0-9]{0,9}):[A-Za-z0-9+/=]+");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final VaultConnection connection;
  private final String mount;
  private final String key;

  private VaultTransitCipher(VaultConnection connection, String mount, String key) {
    this.connection = connection;
    this.mount = mount;
    this.key = key;
  }

  /** A builder using {@code connection}; the key name is required. */
  public static Builder builder(VaultConnection connection) {
    return new Builder(requireNonNull(connection, "connection"));
  }

  /** {@code vault-transit:<key>:v<latest version>}, as Vault reports it now; needs {@code read} on the key. */
  @Override
  public String currentKeyId() {
    Operation op = new Operation("reading Transit key " + key, "read", mount + "/keys/" + key);
    VaultReply reply = connection.session().send(op,
        clients -> VaultReply.of(clients.generic().logical().read(mount + "/keys/" + key).getRestResponse()));
    if (reply.status() == 404) {
      throw new TokenStoreException("Vault has no Transit key " + mount + "/keys/" + key + ": create it with"
          + " vault write -f " + mount + "/keys/" + key, false, null);
    }
    long latest = reply.status() == 200 ? reply.data().map(d -> d.getLong("latest_version", 0)).orElse(0L) : 0;
    if (latest < 1) {
      throw VaultFailures.unexpected(op, reply);
    }
    return keyId(latest);
  }

  @Override
  public Ciphertext encrypt(byte[] plaintext, byte[] associatedData) {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(associatedData, "associatedData");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
    body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
    Operation op = new Operation("encrypting with Transit key " + key, "update", mount + "/encrypt/" + key);
    VaultReply reply = connection.session().send(op,
        clients -> VaultReply.of(clients.generic().logical().write(mount + "/encrypt/" + key, body).getRestResponse()));
    if (reply.status() == 400 && reply.says("not found")) {
      throw new TokenStoreException("Vault has no Transit key " + mount + "/keys/" + key + reply.saying(), false, null);
    }
    String ciphertext = reply.status() == 200
        ? reply.data().map(d -> d.get("ciphertext")).filter(JsonValue::isString).map(JsonValue::asString).orElse("")
        : "";
    Matcher matcher = CIPHERTEXT.matcher(ciphertext);
    if (!matcher.matches()) {
      throw VaultFailures.unexpected(op, reply);
    }
    return new Ciphertext(keyId(Long.parseLong(matcher.group(1))), ciphertext.getBytes(UTF_8));
  }

  @Override
  public byte[] decrypt(Ciphertext ciphertext, byte[] associatedData) {
    requireNonNull(ciphertext, "ciphertext");
    requireNonNull(associatedData, "associatedData");
    String text = new String(ciphertext.bytes(), UTF_8);
    Matcher matcher = CIPHERTEXT.matcher(text);
    if (!matcher.matches() || !ciphertext.keyId().equals(keyId(Long.parseLong(matcher.group(1))))) {
      throw new TokenStoreException("A ciphertext under key id " + printable(ciphertext.keyId())
          + " is not one of Transit key " + mount + "/keys/" + key + ", or was altered", false, null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ciphertext", text);
    body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
    Operation op = new Operation("decrypting with Transit key " + key, "update", mount + "/decrypt/" + key);
    VaultReply reply;
    try {
      reply = connection.session().send(op,
          clients -> VaultReply.of(clients.generic().logical().write(mount + "/decrypt/" + key, body).getRestResponse()));
    } catch (TokenStoreException e) {
      // Older Vaults answer a failed authentication with 500; it is the ciphertext, not Vault.
      throw e.isRetryable() && e.getMessage().contains("message authentication failed") ? refused(ciphertext, "") : e;
    }
    if (reply.status() == 400) {
      throw refused(ciphertext, reply.saying());
    }
    String plaintext = reply.status() == 200
        ? reply.data().map(d -> d.get("plaintext")).filter(JsonValue::isString).map(JsonValue::asString).orElse(null)
        : null;
    if (plaintext == null) {
      throw VaultFailures.unexpected(op, reply);
    }
    try {
      return Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw VaultFailures.unexpected(op, new VaultReply(reply.status(), new JsonObject()));
    }
  }

  private TokenStoreException refused(Ciphertext ciphertext, String saying) {
    return new TokenStoreException("Transit key " + mount + "/keys/" + key + " refused to decrypt a ciphertext under "
        + printable(ciphertext.keyId()) + ": it was altered, belongs to other data, or its key version is no longer"
        + " allowed" + saying, false, null);
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

    /** The name of the Transit key: letters, digits, {@code _}, {@code .} and {@code -}. Required. */
    public Builder key(String key) {
      requireNonNull(key, "key");
      if (!KEY_NAME.matcher(key).matches()) {
        throw new KrebitConfigurationException("the Transit key name must be letters, digits, '_', '.' and '-'");
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
