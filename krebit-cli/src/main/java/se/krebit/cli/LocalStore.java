package se.krebit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.tink.TinkTokenCipher;

/**
 * The command line's token store: an H2 database file in the store directory ({@code ~/.krebit} by
 * default), every record encrypted with a Tink AES-256-GCM keyset, shared safely by any number of
 * {@code krebit} processes ({@link LocalTokenStore}). The keyset comes from {@code KREBIT_STORE_KEY}
 * or from {@code store-key.json} beside the database, which is created on first use readable by its
 * owner alone. Directory and files are kept to their owner ({@link StoreDirectory}).
 */
final class LocalStore {
  static final String DATABASE_NAME = "tokens";
  static final String KEY_FILE_NAME = "store-key.json";
  /** How long one store operation waits for other krebit processes' turns unless KREBIT_STORE_WAIT says otherwise. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private LocalStore() {}

  /**
   * Opens (creating if needed) the store in {@code directory}.
   *
   * @param keyFromEnvironment the keyset JSON of {@code KREBIT_STORE_KEY}, if set
   * @param wait how long an operation waits for other processes' turns
   * @param err where warnings about file permissions go
   */
  static LocalTokenStore open(Path directory, Optional<String> keyFromEnvironment, Duration wait, PrintWriter err) {
    boolean posix;
    try {
      posix = StoreDirectory.prepare(directory, err);
    } catch (IOException e) {
      throw new TokenStoreException(
          "Can't create or restrict the token store directory " + directory + ": " + e.getClass().getSimpleName(), false, e);
    }
    String keyset = keyFromEnvironment.orElseGet(() -> keyFile(directory, posix, err));
    TinkTokenCipher cipher;
    try {
      cipher = TinkTokenCipher.fromKeysetJson(keyset);
    } catch (KrebitConfigurationException e) {
      throw new KrebitConfigurationException((keyFromEnvironment.isPresent()
          ? ConfigSources.STORE_KEY : directory.resolve(KEY_FILE_NAME).toString())
          + " does not hold a Tink AES-256-GCM keyset: " + e.getMessage(), e);
    }
    JdbcDataSource h2 = new JdbcDataSource();
    // Each operation opens and closes the file (see LocalTokenStore), so H2's own shutdown hook has nothing
    // to close; without it, a process stopped by a signal can still store a rotated refresh token.
    h2.setURL("jdbc:h2:file:" + directory.toAbsolutePath().resolve(DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE");
    StoreLock lock = new StoreLock(directory, posix, wait);
    TokenStore database = lock.holding(() -> { // the first command creates the file and the table
      JdbcTokenStore store = JdbcTokenStore.builder(h2).cipher(cipher).createTableIfMissing(true).build();
      if (posix) {
        restrictFiles(directory);
      }
      return store;
    });
    return new LocalTokenStore(database, lock);
  }

  /** Where the database lives, for messages. */
  static Path databaseFile(Path directory) {
    return directory.resolve(DATABASE_NAME + ".mv.db");
  }

  private static String keyFile(Path directory, boolean posix, PrintWriter err) {
    Path file = directory.resolve(KEY_FILE_NAME);
    try {
      if (Files.exists(file)) {
        if (posix) {
          StoreDirectory.checkKeyFile(file);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      return create(file, TinkTokenCipher.generateKeysetJson(), posix, err);
    } catch (IOException e) {
      throw new TokenStoreException(
          "Can't read or create the token store's key " + file + ": " + e.getClass().getSimpleName(), false, e);
    }
  }

  private static void restrictFiles(Path directory) {
    try {
      StoreDirectory.restrictFiles(directory);
    } catch (IOException e) {
      throw new TokenStoreException("Can't restrict the token store's files in " + directory + " to their owner: "
          + e.getClass().getSimpleName(), false, e);
    }
  }

  private static String create(Path file, String keyset, boolean posix, PrintWriter err) throws IOException {
    EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (SeekableByteChannel channel = posix
        ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(StoreDirectory.OWNER_FILE))
        : Files.newByteChannel(file, options)) {
      channel.write(ByteBuffer.wrap(keyset.getBytes(StandardCharsets.UTF_8)));
    } catch (FileAlreadyExistsException raced) {
      return Files.readString(file, StandardCharsets.UTF_8); // another krebit created it meanwhile
    }
    if (!posix) {
      err.println("krebit: note: the file system of " + file + " has no POSIX permissions, so krebit could not"
          + " make the token store's key readable by you alone; restrict access to it yourself.");
    }
    return keyset;
  }
}
