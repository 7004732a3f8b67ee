package se.krebit.auth.store.vault;

import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;

/**
 * Whether a Transit engine binds {@code associated_data} to its ciphertexts, found out once: from
 * the version {@code sys/health} reports (Vault 1.13 and later, every OpenBao), or where the
 * version is hidden, by a round trip (a probe sealed with one associated data must not open with
 * another). Vault 1.12 and older accept the parameter and ignore it, so without this check every
 * ciphertext would silently be bound to nothing. A server that does not bind is refused for good
 * with a {@link KrebitConfigurationException}; a check that could not reach Vault is made again
 * next time. Thread-safe.
 */
final class TransitBinding {
  private static final Logger LOG = LoggerFactory.getLogger(VaultTransitCipher.class);

  private final VaultSession session;
  private final String keyPath;
  private final BooleanSupplier roundTripBinds;
  private volatile boolean binds;
  private volatile @Nullable String refusal;

  /**
   * @param keyPath the key, for messages: {@code transit/keys/krebit-tokens}
   * @param roundTripBinds the probe: true when a ciphertext made with one associated data fails to
   *     decrypt with another; it throws {@link KrebitConfigurationException} if Vault warns that it
   *     ignored the parameter
   */
  TransitBinding(VaultSession session, String keyPath, BooleanSupplier roundTripBinds) {
    this.session = session;
    this.keyPath = keyPath;
    this.roundTripBinds = roundTripBinds;
  }

  /**
   * Returns once the server is known to bind; throws if it does not, or if that cannot be told yet.
   */
  void require() {
    if (binds) {
      return;
    }
    synchronized (this) {
      if (!binds) {
        check();
      }
    }
  }

  private void check() {
    if (refusal != null) {
      throw new KrebitConfigurationException(refusal);
    }
    ServerVersion version = session.serverVersion();
    boolean bound =
        version
            .transitBindsAssociatedData()
            .orElseGet(
                () -> {
                  LOG.info(
                      "Vault at {} hides its version; checking with one encrypt and decrypt that {} binds associated data",
                      session.address(),
                      keyPath);
                  return roundTripBinds.getAsBoolean();
                });
    if (!bound) {
      refusal = notBinding("Vault " + version);
      throw new KrebitConfigurationException(refusal);
    }
    binds = true;
  }

  /** Refuses for good: the server warned that it ignored {@code associated_data}. */
  KrebitConfigurationException warnedOfIgnoring() {
    String message = notBinding("a Vault that says it ignored the associated_data parameter");
    refusal = message;
    binds = false;
    return new KrebitConfigurationException(message);
  }

  private String notBinding(String server) {
    return "Transit at "
        + session.address()
        + " ("
        + server
        + ") does not bind associated data to ciphertexts:"
        + " associated_data arrived in Vault 1.13, and older servers ignore it. Ciphertexts of "
        + keyPath
        + " would not"
        + " be tied to their records, so this cipher refuses to work: upgrade to Vault 1.13 or later (or OpenBao 2),"
        + " or use another TokenCipher such as TinkTokenCipher (krebit-tink)";
  }
}
