package se.krebit.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import se.krebit.auth.store.vault.VaultConnection;
import se.krebit.auth.store.vault.VaultTokenStore;

/**
 * The {@code krebit.vault.*} properties: users' tokens in HashiCorp Vault's KV v2 when {@code
 * krebit.vault.address} is set and {@code krebit-auth-store-vault} is on the class path. The token
 * and the AppRole secret id never appear in {@link #toString()}.
 */
@ConfigurationProperties("krebit.vault")
public class KrebitVaultProperties {
  /** Vault's address, https (plain http only to loopback). Setting it turns the Vault store on. */
  private @Nullable URI address;

  /** A fixed Vault token, renewed elsewhere; or use krebit.vault.app-role.*. */
  private @Nullable String token;

  private final AppRole appRole = new AppRole();

  /** The Vault Enterprise namespace, if any. */
  private @Nullable String namespace;

  /** A PEM file of the CA certificates to trust for Vault's TLS; default the JDK's. */
  private @Nullable Path caCertificates;

  /** The KV v2 mount. */
  private String mount = VaultTokenStore.DEFAULT_MOUNT;

  /** The path under the mount where tokens go. */
  private String pathPrefix = VaultTokenStore.DEFAULT_PATH_PREFIX;

  /** How long connecting to Vault may take. */
  private Duration connectTimeout = VaultConnection.DEFAULT_CONNECT_TIMEOUT;

  /** How long one request to Vault may take. */
  private Duration requestTimeout = VaultConnection.DEFAULT_REQUEST_TIMEOUT;

  public @Nullable URI getAddress() {
    return address;
  }

  public void setAddress(@Nullable URI address) {
    this.address = address;
  }

  public @Nullable String getToken() {
    return token;
  }

  public void setToken(@Nullable String token) {
    this.token = token;
  }

  public AppRole getAppRole() {
    return appRole;
  }

  public @Nullable String getNamespace() {
    return namespace;
  }

  public void setNamespace(@Nullable String namespace) {
    this.namespace = namespace;
  }

  public @Nullable Path getCaCertificates() {
    return caCertificates;
  }

  public void setCaCertificates(@Nullable Path caCertificates) {
    this.caCertificates = caCertificates;
  }

  public String getMount() {
    return mount;
  }

  public void setMount(String mount) {
    this.mount = mount;
  }

  public String getPathPrefix() {
    return pathPrefix;
  }

  public void setPathPrefix(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  @Override
  public String toString() {
    return "KrebitVaultProperties[address="
        + address
        + ", auth="
        + (token != null ? "token" : appRole.roleId != null ? "app-role" : "none")
        + ", mount="
        + mount
        + ", pathPrefix="
        + pathPrefix
        + "]";
  }

  /** AppRole login: the role id and the secret id (prefer the environment or a secret store). */
  public static class AppRole {
    /** The AppRole role id. */
    private @Nullable String roleId;

    /** The AppRole secret id. */
    private @Nullable String secretId;

    public @Nullable String getRoleId() {
      return roleId;
    }

    public void setRoleId(@Nullable String roleId) {
      this.roleId = roleId;
    }

    public @Nullable String getSecretId() {
      return secretId;
    }

    public void setSecretId(@Nullable String secretId) {
      this.secretId = secretId;
    }

    @Override
    public String toString() {
      return "AppRole[roleId=" + roleId + "]";
    }
  }
}
