package se.krebit.auth.store.jdbc;

import java.util.regex.Pattern;
import se.krebit.auth.KrebitConfigurationException;

/**
 * A table name checked to be a plain SQL identifier, optionally schema-qualified, because it is
 * spliced into SQL text: letters, digits and underscores, not starting with a digit, at most 63
 * characters per part (PostgreSQL's limit). Unquoted, so each database folds its case as usual.
 */
final class TableName {
  private static final Pattern NAME =
      Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

  private TableName() {}

  /**
   * @throws KrebitConfigurationException naming {@code setting} if {@code name} is not a plain
   *     identifier
   */
  static String check(String setting, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new KrebitConfigurationException(
          setting
              + " must be a plain SQL identifier, optionally schema-qualified (letters, digits and '_',"
              + " not starting with a digit, at most 63 characters per part), like krebit_tokens or"
              + " auth.krebit_tokens; got \""
              + printable(name)
              + "\"");
    }
    return name;
  }

  /** The name without its schema, for naming indexes. */
  static String unqualified(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String printable(String name) {
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
