package se.krebit.tink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher.Ciphertext;

class TinkTokenCipherTest {
  private static final byte[] SECRET = "refresh-token-value".getBytes(UTF_8);
  private static final byte[] ROW_A = "row a".getBytes(UTF_8);
  private static final byte[] ROW_B = "row b".getBytes(UTF_8);

  private final String keyset = TinkTokenCipher.generateKeysetJson();
  private final TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(keyset);

  @Test
  void decryptsWhatItEncryptedForTheSameAssociatedData() {
    Ciphertext ciphertext = cipher.encrypt(SECRET, ROW_A);

    assertThat(ciphertext.keyId()).isEqualTo(cipher.currentKeyId());
    assertThat(cipher.decrypt(ciphertext, ROW_A)).isEqualTo(SECRET);
  }

  @Test
  void encryptsTheSameValueDifferentlyEachTime() {
    assertThat(cipher.encrypt(SECRET, ROW_A).bytes())
        .isNotEqualTo(cipher.encrypt(SECRET, ROW_A).bytes());
  }

  @Test
  void refusesCiphertextMadeForAnotherRecord() {
    Ciphertext ciphertext = cipher.encrypt(SECRET, ROW_A);

    assertThatThrownBy(() -> cipher.decrypt(ciphertext, ROW_B))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("fails authentication");
  }

  @Test
  void refusesTamperedCiphertext() {
    byte[] bytes = cipher.encrypt(SECRET, ROW_A).bytes();
    bytes[bytes.length - 3] ^= 0x01;

    assertThatThrownBy(() -> cipher.decrypt(new Ciphertext(cipher.currentKeyId(), bytes), ROW_A))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse());
  }

  @Test
  void refusesCiphertextOfAnotherKeyset() {
    Ciphertext foreign =
        TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()).encrypt(SECRET, ROW_A);

    assertThatThrownBy(() -> cipher.decrypt(foreign, ROW_A))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("not in this keyset");
  }

  @Test
  void refusesCiphertextRelabelledWithAnotherKeyOfTheKeyset() {
    TinkTokenCipher rotated =
        TinkTokenCipher.fromKeysetJson(TinkTokenCipher.rotateKeysetJson(keyset));
    Ciphertext underOldKey = cipher.encrypt(SECRET, ROW_A);

    Ciphertext relabelled = new Ciphertext(rotated.currentKeyId(), underOldKey.bytes());

    assertThat(rotated.decrypt(underOldKey, ROW_A)).isEqualTo(SECRET);
    assertThatThrownBy(() -> rotated.decrypt(relabelled, ROW_A))
        .isInstanceOf(TokenStoreException.class);
  }

  @Test
  void rotationWritesWithANewKeyAndStillReadsTheOld() {
    Ciphertext old = cipher.encrypt(SECRET, ROW_A);

    TinkTokenCipher rotated =
        TinkTokenCipher.fromKeysetJson(TinkTokenCipher.rotateKeysetJson(keyset));

    assertThat(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
    assertThat(rotated.keyIds())
        .containsExactlyInAnyOrder(cipher.currentKeyId(), rotated.currentKeyId());
    assertThat(rotated.decrypt(old, ROW_A)).isEqualTo(SECRET);
    assertThat(rotated.encrypt(SECRET, ROW_A).keyId()).isEqualTo(rotated.currentKeyId());
  }

  @Test
  void droppingTheOldKeyLeavesOnlyTheNewOne() {
    String rotatedJson = TinkTokenCipher.rotateKeysetJson(keyset);
    TinkTokenCipher rotated = TinkTokenCipher.fromKeysetJson(rotatedJson);
    Ciphertext old = cipher.encrypt(SECRET, ROW_A);

    TinkTokenCipher dropped =
        TinkTokenCipher.fromKeysetJson(
            TinkTokenCipher.dropKeyFromKeysetJson(rotatedJson, cipher.currentKeyId()));

    assertThat(dropped.keyIds()).containsExactly(rotated.currentKeyId());
    assertThatThrownBy(() -> dropped.decrypt(old, ROW_A)).isInstanceOf(TokenStoreException.class);
  }

  @Test
  void thePrimaryKeyCannotBeDropped() {
    assertThatThrownBy(() -> TinkTokenCipher.dropKeyFromKeysetJson(keyset, cipher.currentKeyId()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("primary");
    assertThatThrownBy(() -> TinkTokenCipher.dropKeyFromKeysetJson(keyset, "42"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("no key 42");
  }

  @Test
  void aMalformedKeysetIsAConfigurationErrorThatDoesNotRepeatIt() {
    String notAKeyset = "{\"primaryKeyId\": 1, \"key\": \"SECRET-LOOKING-VALUE\"}";

    assertThatThrownBy(() -> TinkTokenCipher.fromKeysetJson(notAKeyset))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("Tink keyset")
        .hasMessageNotContaining("SECRET-LOOKING-VALUE")
        .hasNoCause();
  }

  @Test
  void theAssociatedDataIsTheLengthPrefixedKeyIdThenTheCallersBytes() throws Exception {
    // The layout every stored row was encrypted over, written out independently of the cipher.
    byte[] keyId = cipher.currentKeyId().getBytes(UTF_8);
    byte[] bound =
        ByteBuffer.allocate(8 + keyId.length + ROW_A.length)
            .putInt(keyId.length)
            .put(keyId)
            .putInt(ROW_A.length)
            .put(ROW_A)
            .array();
    Aead aead =
        TinkJsonProtoKeysetFormat.parseKeyset(
                keyset, AeadConfig2026.get(), InsecureSecretKeyAccess.get())
            .getPrimitive(AeadConfig2026.get(), Aead.class);

    assertThat(
            cipher.decrypt(
                new Ciphertext(cipher.currentKeyId(), aead.encrypt(SECRET, bound)), ROW_A))
        .isEqualTo(SECRET);
    assertThat(aead.decrypt(cipher.encrypt(SECRET, ROW_A).bytes(), bound)).isEqualTo(SECRET);
  }

  @Test
  void toStringNamesKeyIdsOnly() {
    assertThat(cipher.toString())
        .contains(cipher.currentKeyId())
        .doesNotContain("value")
        .hasSizeLessThan(100);
  }
}
