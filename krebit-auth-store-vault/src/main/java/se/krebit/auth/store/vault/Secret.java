package se.krebit.auth.store.vault;

import static java.util.Objects.requireNonNull;

/**
 * A credential for Vault (a token or a secret id) that never shows itself in {@code toString()}.
 */
final class Secret {
  private final String value;

  Secret(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    this.value = value;
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
