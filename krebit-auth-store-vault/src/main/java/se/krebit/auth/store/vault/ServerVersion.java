package se.krebit.auth.store.vault;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a Vault or OpenBao server reports in {@code sys/health}, such as {@code 1.16.3},
 * {@code 1.17.6+ent} or {@code 2.1.0}; unknown where the server hides it. Used for what differs
 * between releases that a client cannot see otherwise.
 *
 * @param text the reported version, printable; empty when none was reported
 */
record ServerVersion(String text) {
  private static final Pattern MAJOR_MINOR =
      Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:[.+-].*)?");
  static final ServerVersion UNKNOWN = new ServerVersion("");

  /**
   * Whether Transit binds {@code associated_data} to a ciphertext: from Vault 1.13 (hashicorp/vault
   * PR 17638), and in every OpenBao, which forked from 1.14; empty when the version is unknown.
   */
  Optional<Boolean> transitBindsAssociatedData() {
    Matcher matcher = MAJOR_MINOR.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    return Optional.of(major > 1 || major == 1 && minor >= 13);
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "an unknown version" : text;
  }
}
