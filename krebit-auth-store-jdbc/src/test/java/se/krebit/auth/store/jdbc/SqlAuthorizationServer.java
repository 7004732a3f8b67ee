package se.krebit.auth.store.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * The same strict server as {@link InProcessAuthorizationServer}, its state in a PostgreSQL table so
 * that separate JVMs share one server: each redemption is one conditional update that only the
 * holder of the family's newest refresh token can make, and a stale token revokes the family.
 * Counts are read back with SQL. Thread-safe.
 */
final class SqlAuthorizationServer implements ClusterAuthorizationServer, TokenEndpoint {
  private static final String TABLE = "authority_families";

  private final DataSource dataSource;
  private final Duration lifetime;
  private final URI redirectUri;

  SqlAuthorizationServer(DataSource dataSource, Duration lifetime, URI redirectUri) {
    this.dataSource = dataSource;
    this.lifetime = lifetime;
    this.redirectUri = redirectUri;
  }

  /** Creates the server's table. */
  void createTable() {
    update("CREATE TABLE IF NOT EXISTS " + TABLE + " (subject VARCHAR(255) PRIMARY KEY,"
        + " newest_refresh_token VARCHAR(255) NOT NULL, redemptions INT NOT NULL, invalid_grants INT NOT NULL,"
        + " revoked BOOLEAN NOT NULL)");
  }

  @Override
  public TokenEndpoint endpoint() {
    return this;
  }

  @Override
  public URI callback(AuthorizationRedirect redirect, String subject) {
    return ClusterAuthorizationServer.redirectWithCode(redirect, redirectUri, ClusterAuthorizationServer.codeFor(subject));
  }

  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    String refreshToken;
    if (grant instanceof AuthorizationCodeGrant code) {
      String subject = ClusterAuthorizationServer.subjectOf(code.code());
      refreshToken = newRefreshToken(subject);
      update("INSERT INTO " + TABLE + " VALUES (?, ?, 0, 0, FALSE) ON CONFLICT (subject) DO UPDATE"
          + " SET newest_refresh_token = EXCLUDED.newest_refresh_token, revoked = FALSE", subject, refreshToken);
      return issue(subject, refreshToken);
    }
    if (grant instanceof RefreshTokenGrant refresh) {
      String presented = refresh.refreshToken().value();
      String subject = presented.substring(presented.indexOf('.') + 1, presented.lastIndexOf('.'));
      refreshToken = newRefreshToken(subject);
      int redeemed = update("UPDATE " + TABLE + " SET newest_refresh_token = ?, redemptions = redemptions + 1"
          + " WHERE subject = ? AND newest_refresh_token = ? AND NOT revoked", refreshToken, subject, presented);
      if (redeemed == 1) {
        return issue(subject, refreshToken);
      }
      update("UPDATE " + TABLE + " SET revoked = TRUE, invalid_grants = invalid_grants + 1 WHERE subject = ?", subject);
      throw OAuthErrorException.of("invalid_grant", "refresh token reused or revoked", 400, "req-" + UUID.randomUUID());
    }
    throw new IllegalArgumentException("the cluster simulation uses no other grant");
  }

  private static String newRefreshToken(String subject) {
    return "rt." + subject + "." + UUID.randomUUID();
  }

  private TokenResponse issue(String subject, String refreshToken) {
    return new TokenResponse("at." + subject + "." + UUID.randomUUID(), lifetime,
        Optional.of(new RefreshToken(refreshToken)), Set.of("read"), Optional.of("req-" + UUID.randomUUID()));
  }

  @Override
  public int refreshRedemptions(String subject) {
    return (int) queryLong("SELECT redemptions FROM " + TABLE + " WHERE subject = ?", subject);
  }

  @Override
  public int invalidGrants() {
    return (int) queryLong("SELECT COALESCE(SUM(invalid_grants), 0) FROM " + TABLE);
  }

  @Override
  public int revokedFamilies() {
    return (int) queryLong("SELECT COUNT(*) FROM " + TABLE + " WHERE revoked");
  }

  @Override
  public String newestRefreshToken(String subject) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT newest_refresh_token FROM " + TABLE + " WHERE subject = ?")) {
      select.setString(1, subject);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many subjects were redeemed exactly {@code count} times. */
  int subjectsRedeemed(int count) {
    return (int) queryLong("SELECT COUNT(*) FROM " + TABLE + " WHERE redemptions = ?", count);
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("the SQL authorization server failed", e);
    }
  }

  private long queryLong(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the SQL authorization server failed", e);
    }
  }
}
