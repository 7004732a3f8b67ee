package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.auth.spi.TokenRecord;

/**
 * A {@link TokenRecord} as the data of one KV secret: the key it belongs to, the store's own
 * version, the token metadata in clear, and the access and refresh tokens either in clear (Vault
 * encrypts them at rest) or sealed by a {@link TokenCipher}, bound to the key and version as
 * associated data, so a sealed value copied to another key or back to another version fails.
 */
final class TokenRecordCodec {
  static final String FORMAT = "krebit.token-record.v1";

  private final @Nullable TokenCipher cipher;

  TokenRecordCodec(@Nullable TokenCipher cipher) {
    this.cipher = cipher;
  }

  Map<String, Object> encode(TokenKey key, long version, TokenRecord record) {
    TokenSet tokens = record.tokens();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("format", FORMAT);
    data.put("version", version);
    data.put("tenant", key.tenant());
    data.put("client_id", key.clientId());
    data.put("subject", key.subject());
    data.put("token_type", tokens.accessToken().type());
    data.put("access_token_expires_at", tokens.accessToken().expiresAt().toString());
    data.put("obtained_at", tokens.obtainedAt().toString());
    data.put("scope", Json.array(tokens.scope().stream().sorted().toArray(String[]::new)));
    data.put("reauthorization_required", record.reauthorizationRequired());
    record
        .refreshLease()
        .ifPresent(
            lease -> {
              data.put("refresh_lease_owner", lease.owner());
              data.put("refresh_lease_expires_at", lease.expiresAt().toString());
            });
    if (cipher == null) {
      data.put("access_token", tokens.accessToken().value());
      tokens.refreshToken().ifPresent(refresh -> data.put("refresh_token", refresh.value()));
    } else {
      JsonObject secret = Json.object().add("access_token", tokens.accessToken().value());
      tokens.refreshToken().ifPresent(refresh -> secret.add("refresh_token", refresh.value()));
      Ciphertext sealed =
          cipher.encrypt(secret.toString().getBytes(UTF_8), associatedData(key, version));
      data.put("sealed_key_id", sealed.keyId());
      data.put("sealed_tokens", Base64.getEncoder().encodeToString(sealed.bytes()));
    }
    return data;
  }

  /** The version the store keeps in the data, checked; throws if the data is not a record. */
  long version(JsonObject data, String where) {
    checkFormat(data, where);
    JsonValue version = data.get("version");
    if (version == null || !version.isNumber() || version.asLong() < 1) {
      throw malformed(where, "version");
    }
    return version.asLong();
  }

  StoredTokens decode(TokenKey key, JsonObject data, String where) {
    long version = version(data, where);
    if (!key.tenant().equals(text(data, "tenant", where))
        || !key.clientId().equals(text(data, "client_id", where))
        || !key.subject().equals(text(data, "subject", where))) {
      throw new TokenStoreException(
          "The token record at "
              + where
              + " in Vault belongs to another key: it was moved"
              + " or tampered with",
          false,
          null);
    }
    String accessValue;
    Optional<String> refreshValue;
    if (data.get("sealed_tokens") != null) {
      JsonObject secret = unseal(key, version, data, where);
      accessValue = text(secret, "access_token", where);
      refreshValue = optionalText(secret, "refresh_token", where);
    } else {
      if (cipher != null) {
        throw new TokenStoreException(
            "The token record at "
                + where
                + " in Vault is not sealed, though this store"
                + " has a cipher: it was written without one, or tampered with",
            false,
            null);
      }
      accessValue = text(data, "access_token", where);
      refreshValue = optionalText(data, "refresh_token", where);
    }
    try {
      AccessToken access =
          new AccessToken(
              accessValue,
              text(data, "token_type", where),
              Instant.parse(text(data, "access_token_expires_at", where)));
      TokenSet tokens =
          new TokenSet(
              access,
              refreshValue.map(RefreshToken::new),
              scope(data, where),
              Instant.parse(text(data, "obtained_at", where)));
      Optional<String> owner = optionalText(data, "refresh_lease_owner", where);
      Optional<RefreshLease> lease =
          owner.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  new RefreshLease(
                      owner.get(), Instant.parse(text(data, "refresh_lease_expires_at", where))));
      JsonValue reauthorization = data.get("reauthorization_required");
      if (reauthorization == null || !reauthorization.isBoolean()) {
        throw malformed(where, "reauthorization_required");
      }
      return new StoredTokens(
          key, new TokenRecord(tokens, lease, reauthorization.asBoolean()), version);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new TokenStoreException(
          "The token record at "
              + where
              + " in Vault is malformed: "
              + e.getClass().getSimpleName(),
          false,
          null);
    }
  }

  private JsonObject unseal(TokenKey key, long version, JsonObject data, String where) {
    if (cipher == null) {
      throw new TokenStoreException(
          "The token record at "
              + where
              + " in Vault is sealed by a cipher; give this store"
              + " the same cipher to read it",
          false,
          null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text(data, "sealed_tokens", where));
    } catch (IllegalArgumentException e) {
      throw malformed(where, "sealed_tokens");
    }
    byte[] plain =
        cipher.decrypt(
            new Ciphertext(text(data, "sealed_key_id", where), bytes),
            associatedData(key, version));
    try {
      JsonValue secret = Json.parse(new String(plain, UTF_8));
      if (secret.isObject()) {
        return secret.asObject();
      }
    } catch (RuntimeException e) {
      // answered below
    }
    throw malformed(where, "sealed_tokens");
  }

  /** What a sealed value is bound to: the format, the key's three parts and the version. */
  static byte[] associatedData(TokenKey key, long version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part : new String[] {FORMAT, key.tenant(), key.clientId(), key.subject()}) {
      byte[] bytes = part.getBytes(UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    out.writeBytes(ByteBuffer.allocate(8).putLong(version).array());
    return out.toByteArray();
  }

  private static void checkFormat(JsonObject data, String where) {
    JsonValue format = data.get("format");
    if (format == null || !format.isString() || !FORMAT.equals(format.asString())) {
      throw new TokenStoreException(
          "The secret at "
              + where
              + " in Vault is not a Krebit token record ("
              + FORMAT
              + "); is the path prefix shared with something else?",
          false,
          null);
    }
  }

  private static Set<String> scope(JsonObject data, String where) {
    JsonValue value = data.get("scope");
    if (value == null || !value.isArray()) {
      throw malformed(where, "scope");
    }
    Set<String> scope = new LinkedHashSet<>();
    JsonArray array = value.asArray();
    for (JsonValue item : array) {
      if (!item.isString()) {
        throw malformed(where, "scope");
      }
      scope.add(item.asString());
    }
    return scope;
  }

  private static String text(JsonObject object, String name, String where) {
    return optionalText(object, name, where).orElseThrow(() -> malformed(where, name));
  }

  private static Optional<String> optionalText(JsonObject object, String name, String where) {
    JsonValue value = object.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw malformed(where, name);
    }
    return Optional.of(value.asString());
  }

  private static TokenStoreException malformed(String where, String field) {
    return new TokenStoreException(
        "The token record at "
            + where
            + " in Vault is malformed: field '"
            + field
            + "' is missing or of the wrong type",
        false,
        null);
  }
}
