package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What the builders of every JDBC adapter here set alike: the data source, the table, the dialect,
 * creating the table, and the query timeout. Each setter validates its value and names the setting
 * in its error. Not thread-safe.
 *
 * @param <B> the adapter's own builder, which the setters return
 */
abstract class TableBuilder<B extends TableBuilder<B>> {
  final DataSource dataSource;
  final String defaultTableName;
  String tableName;
  @Nullable JdbcDialect dialect;
  boolean createTableIfMissing;
  Duration queryTimeout = JdbcTokenStore.DEFAULT_QUERY_TIMEOUT;

  TableBuilder(DataSource dataSource, String defaultTableName) {
    this.dataSource = dataSource;
    this.defaultTableName = defaultTableName;
    this.tableName = defaultTableName;
  }

  /** This builder as its own type. */
  abstract B self();

  /** The table, optionally schema-qualified; default the adapter's {@code DEFAULT_TABLE_NAME}. */
  public B tableName(String tableName) {
    this.tableName = TableName.check("tableName", requireNonNull(tableName, "tableName"));
    return self();
  }

  /** The database's dialect; by default learnt from the first connection's metadata. */
  public B dialect(JdbcDialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
    return self();
  }

  /**
   * Whether {@code build()} creates the table when it is missing, with the shipped script; default
   * false. Meant for an embedded H2 database; let your migration tool run the scripts elsewhere.
   */
  public B createTableIfMissing(boolean createTableIfMissing) {
    this.createTableIfMissing = createTableIfMissing;
    return self();
  }

  /**
   * How long one statement may run before it is cancelled; whole seconds, at least 1; default 10 s.
   */
  public B queryTimeout(Duration queryTimeout) {
    this.queryTimeout = Jdbc.checkQueryTimeout(queryTimeout);
    return self();
  }

  /** The table's access, as configured. */
  Jdbc jdbc() {
    return new Jdbc(dataSource, tableName, dialect, queryTimeout);
  }

  /** Runs {@code script} for the configured table through {@code jdbc}, if asked to create it. */
  void createTableIfAsked(Jdbc jdbc, String script) {
    if (createTableIfMissing) {
      Schema.create(jdbc, script, defaultTableName, tableName);
    }
  }

  /** {@code copy} with this builder's table settings: for an adapter's {@code toBuilder()}. */
  B copyTableSettingsTo(B copy) {
    copy.tableName = tableName;
    copy.dialect = dialect;
    copy.createTableIfMissing = createTableIfMissing;
    copy.queryTimeout = queryTimeout;
    return copy;
  }
}
