package se.krebit.auth.store.vault;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.TokenStoreException;

/**
 * Turns what went wrong talking to Vault into {@link TokenStoreException}s that say what to check:
 * retryable for a sealed or unavailable Vault, a standby that redirects, a KV mount being upgraded,
 * 5xx and transport failures; not retryable for a refused policy, a refused login, a TLS failure or
 * an answer that makes no sense. Messages never carry a token, a secret id or a stored value, and
 * no driver exception is attached as the cause: the driver's messages repeat response bodies.
 */
final class VaultFailures {
  /** What the KV v2 engine answers (400) while it upgrades a mount, or waits for the primary to. */
  private static final List<String> KV_UPGRADING =
      List.of(
          "Upgrading from non-versioned to versioned data",
          "upgrade from non-versioned to versioned data");

  private VaultFailures() {}

  /**
   * A refusal or failure in {@code reply}, if it is one every operation treats alike; null
   * otherwise. {@code address} is the Vault the request went to.
   */
  static @Nullable TokenStoreException common(Operation op, VaultReply reply, String address) {
    int status = reply.status();
    if (status == 403) {
      return denied(op, reply);
    }
    if (status == 307 || status == 308) {
      return new TokenStoreException(
          "Vault at "
              + address
              + " answered "
              + op.description()
              + " with a redirect (HTTP "
              + status
              + "): it is a standby node that does not forward requests to the active node. The request was not"
              + " followed and can be retried; point the connection at the cluster's load balancer or active node, or"
              + " enable request forwarding",
          true,
          null);
    }
    if (status == 400 && KV_UPGRADING.stream().anyMatch(reply::says)) {
      return new TokenStoreException(
          "Vault's KV mount is being upgraded to version 2 (it was just enabled, or"
              + " versioning is being turned on); "
              + op.description()
              + " can be retried in a moment"
              + reply.saying(),
          true,
          null);
    }
    if (status == 503 && reply.says("sealed")) {
      return new TokenStoreException(
          "Vault is sealed; "
              + op.description()
              + " can be retried once it is unsealed"
              + reply.saying(),
          true,
          null);
    }
    if (status >= 500 || status == 412 || status == 429) {
      return new TokenStoreException(
          "Vault is unavailable (HTTP " + status + ") for " + op.description() + reply.saying(),
          true,
          null);
    }
    return null;
  }

  /** Vault's policy refused {@code op}: the message names the capability and the policy path. */
  static TokenStoreException denied(Operation op, VaultReply reply) {
    return new TokenStoreException(
        "Vault denied "
            + op.description()
            + ": the token's policy needs the "
            + op.capability()
            + " capability on \""
            + op.policyPath()
            + "\""
            + reply.saying(),
        false,
        null);
  }

  /** An answer {@code op} does not expect. */
  static TokenStoreException unexpected(Operation op, VaultReply reply) {
    return new TokenStoreException(
        "Vault answered HTTP " + reply.status() + " to " + op.description() + reply.saying(),
        false,
        null);
  }

  /** No answer came: the connection failed, timed out or was interrupted. */
  static TokenStoreException transport(Operation op, Throwable failure, String address) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t.getClass() == InterruptedIOException.class) {
        Thread.currentThread().interrupt();
        return new TokenStoreException(
            "Interrupted while " + op.description() + " in Vault", true, null);
      }
      if (t instanceof SSLException) {
        return new TokenStoreException(
            "TLS with Vault at "
                + address
                + " failed while "
                + op.description()
                + ": check the CA certificates given for Vault and that it speaks TLS 1.2 or 1.3 ("
                + t.getClass().getSimpleName()
                + ")",
            false,
            null);
      }
      if (t instanceof HttpTimeoutException) {
        return new TokenStoreException(
            "Vault at " + address + " did not answer in time while " + op.description(),
            true,
            null);
      }
    }
    return new TokenStoreException(
        "Could not reach Vault at "
            + address
            + " while "
            + op.description()
            + " ("
            + rootCause(failure).getClass().getSimpleName()
            + ")",
        true,
        null);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
