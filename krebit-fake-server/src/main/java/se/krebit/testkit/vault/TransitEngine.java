package se.krebit.testkit.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import se.krebit.testkit.vault.VaultReplies.Reply;

/**
 * One Transit mount with {@code aes256-gcm96} keys, real AES-GCM from the JDK: each key has
 * versions (rotate adds one; new ciphertexts use the latest), ciphertexts read {@code
 * vault:v<N>:<base64 of nonce, ciphertext and tag>}, {@code associated_data} is authenticated with
 * the ciphertext, and a key created with a {@code context} is derived per context. The derivation
 * is a stand-in (HMAC-SHA256 of the context), not Vault's KDF, so ciphertexts are not portable to a
 * real Vault; the behaviour is the same. A {@link VaultFlavour} older than Vault 1.13 does not know
 * {@code associated_data}: it ignores it and says so in a warning, as Vault's framework does for
 * unknown parameters. Thread-safe.
 */
final class TransitEngine {
  static final String KEY_TYPE = "aes256-gcm96";
  private static final String MOUNT_TYPE = "transit";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String MISSING_CONTEXT =
      "missing 'context' for key derivation; the key was created using a"
          + " derived key, which means additional, per-request information must be included in order to perform"
          + " operations with the key";

  /** What Vault 1.11 and 1.12 say when given a parameter the endpoint does not know. */
  static final String IGNORED_ASSOCIATED_DATA =
      "Endpoint ignored these unrecognized parameters: [associated_data]";

  private final String mount;
  private final Clock clock;
  private final VaultFlavour flavour;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Key> keys = new HashMap<>();

  TransitEngine(String mount, Clock clock, VaultFlavour flavour) {
    this.mount = mount;
    this.clock = clock;
    this.flavour = flavour;
  }

  private static final class Key {
    final boolean derived;
    final List<byte[]> versions = new ArrayList<>();
    final List<Instant> created = new ArrayList<>();
    int minDecryptionVersion = 1;

    Key(boolean derived) {
      this.derived = derived;
    }

    int latest() {
      return versions.size();
    }
  }

  String mount() {
    return mount;
  }

  synchronized boolean exists(String name) {
    return keys.containsKey(name);
  }

  synchronized void create(String name, boolean derived) {
    keys.computeIfAbsent(name, n -> addVersion(new Key(derived)));
  }

  synchronized Reply createKey(String name, Map<String, Object> body) {
    Object type = body.getOrDefault("type", KEY_TYPE);
    if (!KEY_TYPE.equals(type)) {
      throw VaultError.badRequest(
          "the fake Vault supports only key type " + KEY_TYPE + ", not " + type);
    }
    create(name, Boolean.TRUE.equals(body.get("derived")));
    return Reply.data(info(name, keys.get(name)), MOUNT_TYPE);
  }

  synchronized Reply rotate(String name) {
    addVersion(key(name));
    return Reply.data(info(name, keys.get(name)), MOUNT_TYPE);
  }

  synchronized Reply readKey(String name) {
    Key key = keys.get(name);
    if (key == null) {
      throw VaultError.notFound();
    }
    return Reply.data(info(name, key), MOUNT_TYPE);
  }

  synchronized void minDecryptionVersion(String name, int version) {
    Key key = key(name);
    if (version < 1 || version > key.latest()) {
      throw new IllegalArgumentException(
          "min decryption version must be 1 to " + key.latest() + ", was " + version);
    }
    key.minDecryptionVersion = version;
  }

  synchronized int latestVersion(String name) {
    return key(name).latest();
  }

  /**
   * Encrypts; creates the key first when {@code mayCreate} (Vault's upsert, with {@code create}
   * capability).
   */
  synchronized Reply encrypt(String name, Map<String, Object> body, boolean mayCreate) {
    String plaintext =
        text(body, "plaintext")
            .orElseThrow(() -> VaultError.badRequest("missing plaintext to encrypt"));
    byte[] context = base64(body, "context");
    if (!keys.containsKey(name) && mayCreate) {
      create(name, context.length > 0);
    }
    Key key = keys.get(name);
    if (key == null) {
      throw VaultError.badRequest("encryption key not found");
    }
    int version = key.latest();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed =
        gcm(
            Cipher.ENCRYPT_MODE,
            keyFor(key, version, context),
            nonce,
            associatedData(body),
            decode(plaintext));
    byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
    System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("ciphertext", "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out));
    data.put("key_version", version);
    return withIgnoredParameters(Reply.data(data, MOUNT_TYPE), body);
  }

  synchronized Reply decrypt(String name, Map<String, Object> body) {
    String ciphertext =
        text(body, "ciphertext")
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> VaultError.badRequest("missing ciphertext to decrypt"));
    Key key = keys.get(name);
    if (key == null) {
      throw VaultError.badRequest("encryption key not found");
    }
    if (!ciphertext.startsWith("vault:")) {
      throw VaultError.badRequest("invalid ciphertext: no prefix");
    }
    String rest = ciphertext.substring("vault:".length());
    int colon = rest.indexOf(':');
    if (!rest.startsWith("v") || colon < 0) {
      throw VaultError.badRequest("invalid ciphertext: no version");
    }
    int version;
    try {
      version = Integer.parseInt(rest.substring(1, colon));
    } catch (NumberFormatException e) {
      throw VaultError.badRequest("invalid ciphertext: version number could not be decoded");
    }
    if (version > key.latest() || version < 1) {
      throw VaultError.badRequest("invalid ciphertext: version is too new");
    }
    if (version < key.minDecryptionVersion) {
      throw VaultError.badRequest(
          "ciphertext or signature version is disallowed by policy (too old)");
    }
    byte[] raw;
    String encoded = rest.substring(colon + 1);
    try {
      if (encoded.length() % 4 != 0) {
        // Vault decodes with Go's padded standard encoding, which refuses what the JDK's decoder
        // lets
        // through: a ciphertext whose padding was cut off.
        throw new IllegalArgumentException("unpadded");
      }
      raw = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw VaultError.badRequest("invalid ciphertext: could not decode base64");
    }
    if (raw.length < NONCE_BYTES) {
      throw VaultError.badRequest("invalid ciphertext length");
    }
    byte[] plain =
        gcm(
            Cipher.DECRYPT_MODE,
            keyFor(key, version, base64(body, "context")),
            Arrays.copyOf(raw, NONCE_BYTES),
            associatedData(body),
            Arrays.copyOfRange(raw, NONCE_BYTES, raw.length));
    return withIgnoredParameters(
        Reply.data(Map.of("plaintext", Base64.getEncoder().encodeToString(plain)), MOUNT_TYPE),
        body);
  }

  private byte[] associatedData(Map<String, Object> body) {
    return flavour.bindsAssociatedData() ? base64(body, "associated_data") : new byte[0];
  }

  private Reply withIgnoredParameters(Reply reply, Map<String, Object> body) {
    return !flavour.bindsAssociatedData() && body.containsKey("associated_data")
        ? reply.withWarnings(List.of(IGNORED_ASSOCIATED_DATA))
        : reply;
  }

  private Key key(String name) {
    Key key = keys.get(name);
    if (key == null) {
      throw new IllegalArgumentException("no Transit key '" + name + "' on mount " + mount);
    }
    return key;
  }

  private Key addVersion(Key key) {
    byte[] material = new byte[32];
    random.nextBytes(material);
    key.versions.add(material);
    key.created.add(clock.instant());
    return key;
  }

  private static byte[] keyFor(Key key, int version, byte[] context) {
    byte[] material = key.versions.get(version - 1);
    if (!key.derived) {
      return material;
    }
    if (context.length == 0) {
      throw VaultError.badRequest(MISSING_CONTEXT);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(material, "HmacSHA256"));
      return mac.doFinal(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides HmacSHA256", e);
    }
  }

  private static byte[] gcm(
      int mode, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw VaultError.badRequest("cipher: message authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  private Map<String, Object> info(String name, Key key) {
    Map<String, Object> versions = new LinkedHashMap<>();
    for (int v = 1; v <= key.latest(); v++) {
      versions.put(Integer.toString(v), key.created.get(v - 1).getEpochSecond());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("allow_plaintext_backup", false);
    data.put("auto_rotate_period", 0);
    data.put("deletion_allowed", false);
    data.put("derived", key.derived);
    data.put("exportable", false);
    data.put("imported_key", false);
    data.put("keys", versions);
    data.put("latest_version", key.latest());
    data.put("min_available_version", 0);
    data.put("min_decryption_version", key.minDecryptionVersion);
    data.put("min_encryption_version", 0);
    data.put("name", name);
    data.put("supports_decryption", true);
    data.put("supports_derivation", true);
    data.put("supports_encryption", true);
    data.put("supports_signing", false);
    data.put("type", KEY_TYPE);
    if (flavour.isOpenBao()) {
      data.put("soft_deleted", false);
    }
    return data;
  }

  private static Optional<String> text(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw VaultError.badRequest("'" + name + "' must be a string");
    }
    return Optional.of(s);
  }

  private static byte[] base64(Map<String, Object> body, String name) {
    return text(body, name).map(TransitEngine::decode).orElse(new byte[0]);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.getBytes(UTF_8));
    } catch (IllegalArgumentException e) {
      throw VaultError.badRequest("illegal base64 data at input byte 0");
    }
  }
}
