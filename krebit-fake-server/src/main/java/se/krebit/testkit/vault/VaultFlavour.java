package se.krebit.testkit.vault;

import java.util.List;

/**
 * Which server the fake Vault answers as. The flavours differ where a client can tell them apart,
 * each difference taken from the servers' source and documentation (the golden fixtures in the test
 * kit's tests cite them):
 *
 * <ul>
 *   <li>a revoked, expired or unknown token gets 403 with {@code invalid token} among the errors
 *       only from Vault 1.17 (hashicorp/vault PR 25953); Vault 1.16 and older and OpenBao answer a
 *       bare {@code permission denied}, whereas a missing policy capability is {@code 1 error
 *       occurred: * permission denied} on all of them;
 *   <li>Transit binds {@code associated_data} from Vault 1.13 (PR 17638); Vault 1.11 and 1.12
 *       ignore it with a warning, {@code Endpoint ignored these unrecognized parameters:
 *       [associated_data]};
 *   <li>responses carry {@code mount_type} from Vault 1.16 (PR 23047); OpenBao's never do, and its
 *       Transit keys show {@code soft_deleted};
 *   <li>{@code sys/health} reports the server's version, with the fields each server has.
 * </ul>
 *
 * <p>What they share (KV v2 versions and check-and-set, AppRole, token TTLs, Transit ciphertexts,
 * sealed and standby answers) is the same in every flavour.
 */
public enum VaultFlavour {
  /**
   * HashiCorp Vault 1.11–1.12, as 1.12.0: Transit ignores {@code associated_data}. Not supported by
   * Krebit's Transit cipher, which refuses it; here so that the refusal can be tested.
   */
  VAULT_1_12("Vault 1.11–1.12", "1.12.0"),
  /**
   * HashiCorp Vault 1.13–1.16, as the 1.16 LTS (1.16.3): {@code permission denied} for a revoked
   * token.
   */
  VAULT_1_13_TO_1_16("Vault 1.13–1.16", "1.16.3"),
  /**
   * HashiCorp Vault 1.17 and later, as 1.17.6: {@code permission denied} and {@code invalid token}.
   */
  VAULT_1_17_PLUS("Vault 1.17+", "1.17.6"),
  /**
   * OpenBao 2.x, as 2.6.2: {@code permission denied} for a revoked token, no {@code mount_type}.
   */
  OPENBAO_2("OpenBao 2.x", "2.6.2");

  private final String displayName;
  private final String version;

  VaultFlavour(String displayName, String version) {
    this.displayName = displayName;
    this.version = version;
  }

  /** The flavours Krebit's Vault adapter supports: all but {@link #VAULT_1_12}. */
  public static List<VaultFlavour> supported() {
    return List.of(VAULT_1_13_TO_1_16, VAULT_1_17_PLUS, OPENBAO_2);
  }

  /** The version {@code sys/health} reports, such as {@code 1.17.6}. */
  public String version() {
    return version;
  }

  /** A name for test reports, such as {@code Vault 1.13–1.16}. */
  public String displayName() {
    return displayName;
  }

  boolean saysInvalidToken() {
    return this == VAULT_1_17_PLUS;
  }

  boolean bindsAssociatedData() {
    return this != VAULT_1_12;
  }

  boolean hasMountType() {
    return this == VAULT_1_13_TO_1_16 || this == VAULT_1_17_PLUS;
  }

  /**
   * Vault 1.16 added heartbeat and clock skew fields (and {@code enterprise}) to {@code
   * sys/health}.
   */
  boolean healthHasHeartbeat() {
    return this == VAULT_1_13_TO_1_16 || this == VAULT_1_17_PLUS;
  }

  boolean isOpenBao() {
    return this == OPENBAO_2;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
