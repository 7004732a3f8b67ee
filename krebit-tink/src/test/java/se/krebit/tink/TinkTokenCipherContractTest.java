package se.krebit.tink;

import java.util.Optional;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.testkit.contract.TokenCipherContract;

/** Tink's cipher meets the whole contract, rotation included (a key added to the keyset). */
class TinkTokenCipherContractTest extends TokenCipherContract {
  private final String keyset = TinkTokenCipher.generateKeysetJson();

  @Override
  protected TokenCipher cipher() {
    return TinkTokenCipher.fromKeysetJson(keyset);
  }

  @Override
  protected Optional<TokenCipher> rotated(TokenCipher cipher) {
    return Optional.of(TinkTokenCipher.fromKeysetJson(TinkTokenCipher.rotateKeysetJson(keyset)));
  }
}
