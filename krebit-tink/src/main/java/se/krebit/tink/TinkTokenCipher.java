package se.krebit.tink;

import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.Set;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher;

/**
 * A {@link TokenCipher} on a Google Tink AEAD keyset: AES-256-GCM as {@link #generateKeysetJson()}
 * makes it, or any AEAD keyset you load yourself (for example one wrapped by a cloud KMS).
 *
 * <p>New ciphertexts use the keyset's primary key, whose Tink key id is {@link #currentKeyId()};
 * every enabled key of the keyset decrypts, so rotating is: add a key and make it primary ({@link
 * #rotateKeysetJson}), deploy, re-encrypt the rows (the JDBC store's {@code
 * reencryptToCurrentKey()}), then drop the old key ({@link #dropKeyFromKeysetJson}). The key id is
 * bound into the associated data, so a row whose key-id column was altered fails to decrypt like a
 * tampered one.
 *
 * <p>Keep the keyset JSON as secret as a password: it is the key. Immutable and thread-safe; {@code
 * toString()} names key ids only.
 *
 * <pre>{@code
 * // once: String keyset = TinkTokenCipher.generateKeysetJson();  -> your secret store
 * TokenCipher cipher = TinkTokenCipher.fromKeysetJson(System.getenv("KREBIT_TOKEN_KEYSET"));
 * }</pre>
 */
public final class TinkTokenCipher implements TokenCipher {
  /** Tink's AEAD key types and primitives, without touching Tink's global registry. */
  private static final Configuration AEAD = AeadConfig2026.get();

  private final Aead aead;
  private final String currentKeyId;
  private final Set<String> keyIds;

  private TinkTokenCipher(KeysetHandle keyset) {
    try {
      this.aead = keyset.getPrimitive(AEAD, Aead.class);
    } catch (GeneralSecurityException e) {
      throw new KrebitConfigurationException(
          "the Tink keyset is not an AEAD keyset (use AES256_GCM keys)", e);
    }
    this.currentKeyId = idOf(keyset.getPrimary().getId());
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < keyset.size(); i++) {
      if (keyset.getAt(i).getStatus() == KeyStatus.ENABLED) {
        ids.add(idOf(keyset.getAt(i).getId()));
      }
    }
    this.keyIds = Set.copyOf(ids);
  }

  /**
   * A cipher on a cleartext keyset in Tink's JSON format, as {@link #generateKeysetJson()} or
   * {@code tinkey create-keyset --key-template AES256_GCM} writes it.
   *
   * @throws KrebitConfigurationException if the JSON is not a Tink AEAD keyset; the message never
   *     repeats the JSON
   */
  public static TinkTokenCipher fromKeysetJson(String keysetJson) {
    requireNonNull(keysetJson, "keysetJson");
    return new TinkTokenCipher(parse(keysetJson));
  }

  /** A cipher on a keyset you loaded with Tink yourself, for example decrypted by your KMS. */
  public static TinkTokenCipher of(KeysetHandle keyset) {
    return new TinkTokenCipher(requireNonNull(keyset, "keyset"));
  }

  /** A new cleartext keyset with one AES-256-GCM key, as JSON: store it where you keep secrets. */
  public static String generateKeysetJson() {
    try {
      return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AEAD));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink could not generate an AES-256-GCM key", e);
    }
  }

  /**
   * {@code keysetJson} with a new AES-256-GCM key added as primary: ciphers made from the result
   * write with the new key and still read everything the old keys wrote.
   */
  public static String rotateKeysetJson(String keysetJson) {
    requireNonNull(keysetJson, "keysetJson");
    try {
      KeysetHandle.Builder builder =
          KeysetHandle.newBuilder(parse(keysetJson)).setConfiguration(AEAD);
      builder.addEntry(
          KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId()
              .makePrimary());
      return serialize(builder.build());
    } catch (GeneralSecurityException e) {
      throw new KrebitConfigurationException("could not add a key to the Tink keyset", e);
    }
  }

  /**
   * {@code keysetJson} without the key {@code keyId}. Drop a key only once no row uses it (the JDBC
   * store's {@code countRowsNotUnderCurrentKey()} is 0, and pending sign-ins written with it have
   * expired).
   *
   * @throws KrebitConfigurationException if there is no such key, or it is the primary key
   */
  public static String dropKeyFromKeysetJson(String keysetJson, String keyId) {
    requireNonNull(keysetJson, "keysetJson");
    requireNonNull(keyId, "keyId");
    KeysetHandle keyset = parse(keysetJson);
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset).setConfiguration(AEAD);
    for (int i = 0; i < keyset.size(); i++) {
      if (idOf(keyset.getAt(i).getId()).equals(keyId)) {
        if (keyset.getAt(i).isPrimary()) {
          throw new KrebitConfigurationException(
              "key " + keyId + " is the primary key: rotate to another key first");
        }
        builder.deleteAt(i);
        try {
          return serialize(builder.build());
        } catch (GeneralSecurityException e) {
          throw new KrebitConfigurationException(
              "could not drop key " + keyId + " from the Tink keyset", e);
        }
      }
    }
    throw new KrebitConfigurationException("the Tink keyset has no key " + keyId);
  }

  @Override
  public String currentKeyId() {
    return currentKeyId;
  }

  /** The ids of the keys this cipher decrypts with, the current one among them. */
  public Set<String> keyIds() {
    return keyIds;
  }

  @Override
  public Ciphertext encrypt(byte[] plaintext, byte[] associatedData) {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(associatedData, "associatedData");
    try {
      return new Ciphertext(
          currentKeyId, aead.encrypt(plaintext, bind(currentKeyId, associatedData)));
    } catch (GeneralSecurityException e) {
      throw new TokenStoreException("Encrypting failed under key " + currentKeyId, false, e);
    }
  }

  @Override
  public byte[] decrypt(Ciphertext ciphertext, byte[] associatedData) {
    requireNonNull(ciphertext, "ciphertext");
    requireNonNull(associatedData, "associatedData");
    String keyId = ciphertext.keyId();
    if (!keyIds.contains(keyId)) {
      throw new TokenStoreException(
          "A ciphertext is under key "
              + keyId
              + ", which is not in this keyset (keys "
              + keyIds
              + "); was the key dropped before its rows were re-encrypted?",
          false,
          null);
    }
    try {
      return aead.decrypt(ciphertext.bytes(), bind(keyId, associatedData));
    } catch (GeneralSecurityException e) {
      // Tink's message says only that decryption failed; it never carries key material.
      throw new TokenStoreException(
          "A ciphertext under key "
              + keyId
              + " fails authentication: it was tampered with, or copied from"
              + " another record",
          false,
          e);
    }
  }

  /**
   * The associated data with the key id in front, so the key-id column is authenticated too: each
   * part prefixed by its length (4 bytes, big-endian), so no two pairs give the same bytes. Stored
   * rows were encrypted over exactly these bytes: a different layout would fail them all.
   */
  private static byte[] bind(String keyId, byte[] associatedData) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Integer.BYTES * 2 + id.length + associatedData.length)
        .putInt(id.length)
        .put(id)
        .putInt(associatedData.length)
        .put(associatedData)
        .array();
  }

  private static KeysetHandle parse(String keysetJson) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, AEAD, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      // Neither the JSON nor the parser's message (which may quote it) goes into the error.
      throw new KrebitConfigurationException(
          "the token cipher keyset is not a cleartext Tink keyset in JSON; generate one with"
              + " TinkTokenCipher.generateKeysetJson() or 'tinkey create-keyset --key-template AES256_GCM'");
    }
  }

  private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, AEAD, InsecureSecretKeyAccess.get());
  }

  private static String idOf(int tinkKeyId) {
    return Integer.toUnsignedString(tinkKeyId);
  }

  @Override
  public String toString() {
    return "TinkTokenCipher[current key " + currentKeyId + ", keys " + keyIds + "]";
  }
}
