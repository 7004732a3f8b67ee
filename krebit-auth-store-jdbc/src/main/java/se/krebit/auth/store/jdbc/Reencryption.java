package se.krebit.auth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;

/**
 * One pass of {@link JdbcTokenStore#reencryptToCurrentKey}: walks the rows under other keys in key
 * order, a batch per transaction, so it always finishes even when some rows can't be read. A row is
 * rewritten only if neither its version nor its key id changed since it was read.
 */
final class Reencryption {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);

  private final Jdbc jdbc;
  private final TokenSql sql;
  private final TokenCipher cipher;
  private final int batchSize;
  private final String currentKeyId;
  private String[] after = {"", "", ""};
  private int reencrypted;
  private int unreadable;

  Reencryption(Jdbc jdbc, TokenSql sql, TokenCipher cipher, int batchSize) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.cipher = cipher;
    this.batchSize = batchSize;
    this.currentKeyId = cipher.currentKeyId();
  }

  int run() {
    boolean more = true;
    while (more) {
      more = jdbc.run("Re-encrypting tokens", (connection, dialect) -> batch(connection));
    }
    LOG.info(
        "Re-encrypted {} rows of table {} to key {}; {} rows could not be read and were left alone",
        reencrypted,
        jdbc.table(),
        currentKeyId,
        unreadable);
    return reencrypted;
  }

  /** Re-encrypts the next batch; whether there may be more. */
  private boolean batch(Connection connection) throws SQLException {
    List<JdbcTokenStore.Row> rows = select(connection);
    for (JdbcTokenStore.Row row : rows) {
      after = new String[] {row.key().tenant(), row.key().clientId(), row.key().subject()};
      Ciphertext rewritten = reencrypt(row);
      if (rewritten != null && write(connection, row, rewritten)) {
        reencrypted++;
      }
    }
    return rows.size() == batchSize;
  }

  private List<JdbcTokenStore.Row> select(Connection connection) throws SQLException {
    List<JdbcTokenStore.Row> rows = new ArrayList<>();
    try (PreparedStatement select = jdbc.prepare(connection, sql.reencryptBatch)) {
      select.setString(1, currentKeyId);
      select.setString(2, after[0]);
      select.setString(3, after[1]);
      select.setString(4, after[2]);
      select.setInt(5, batchSize);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          TokenKey key =
              new TokenKey(result.getString(1), result.getString(2), result.getString(3));
          rows.add(
              new JdbcTokenStore.Row(
                  key, result.getLong(4), result.getString(5), result.getBytes(6)));
        }
      }
    }
    return rows;
  }

  private @Nullable Ciphertext reencrypt(JdbcTokenStore.Row row) {
    byte[] associatedData = AssociatedData.tokenRecord(row.key(), row.version());
    byte[] plaintext;
    try {
      plaintext = cipher.decrypt(new Ciphertext(row.keyId(), row.bytes()), associatedData);
    } catch (TokenStoreException e) {
      unreadable++;
      LOG.warn(
          "Re-encryption skips the tokens of subject '{}' (tenant {}, client {}) in table {}: {}",
          row.key().subject(),
          row.key().tenant(),
          row.key().clientId(),
          jdbc.table(),
          e.getMessage());
      return null;
    }
    try {
      return cipher.encrypt(plaintext, associatedData);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private boolean write(Connection connection, JdbcTokenStore.Row row, Ciphertext rewritten)
      throws SQLException {
    try (PreparedStatement update = jdbc.prepare(connection, sql.reencryptRow)) {
      update.setString(1, rewritten.keyId());
      update.setBytes(2, rewritten.bytes());
      JdbcTokenStore.bindKey(update, 3, row.key());
      update.setLong(6, row.version());
      update.setString(7, row.keyId());
      return update.executeUpdate() == 1;
    }
  }
}
