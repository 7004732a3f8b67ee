package se.krebit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import se.krebit.auth.KrebitConfigurationException;

/**
 * The token store's directory and files, kept to their owner on file systems with POSIX permissions:
 * the directory 0700 and the database's files 0600, made so on every use even when they existed looser
 * (the directory first, so nobody else reaches a file in the moment between H2 creating it and krebit
 * restricting it). A key file others can read or write is refused rather than used: it opens every
 * stored token. So is a directory shared by design, such as {@code /tmp} (sticky bit). Stateless.
 */
final class StoreDirectory {
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final int STICKY = 01000;

  private StoreDirectory() {}

  /**
   * Creates {@code directory} (0700) or restricts it to its owner, saying so on {@code err} when it was
   * looser.
   *
   * @return whether its file system has POSIX permissions
   * @throws KrebitConfigurationException if it is a directory shared by design
   */
  static boolean prepare(Path directory, PrintWriter err) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (!Files.isDirectory(absolute)) {
      Path parent = absolute.getParent(); // not null: a root is always a directory
      Files.createDirectories(parent);
      try {
        if (hasPosixPermissions(parent)) {
          Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
          Files.createDirectory(absolute);
        }
      } catch (FileAlreadyExistsException raced) {
        // another krebit created it meanwhile
      }
    }
    if (!hasPosixPermissions(absolute)) {
      return false;
    }
    if (isSticky(absolute)) {
      throw new KrebitConfigurationException("The token store directory " + absolute + " is shared by design"
          + " (its sticky bit is set, as on /tmp); keep the token store in a directory of your own"
          + " (--store-dir, " + ConfigSources.STORE_DIR + ").");
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
    if (!permissions.equals(OWNER_DIRECTORY)) {
      Files.setPosixFilePermissions(absolute, OWNER_DIRECTORY);
      err.println("krebit: note: the token store directory " + absolute + " was "
          + PosixFilePermissions.toString(permissions) + "; it is rwx------ (0700) now, yours alone.");
      err.flush();
    }
    return true;
  }

  /** Restricts the database's files (and the lock file) in {@code directory} to their owner, 0600. */
  static void restrictFiles(Path directory) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, LocalStore.DATABASE_NAME + ".*")) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
            && !OWNER_FILE.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) {
          Files.setPosixFilePermissions(file, OWNER_FILE);
        }
      }
    }
  }

  /**
   * Refuses a key file that others can read or write.
   *
   * @throws KrebitConfigurationException if they can
   */
  static void checkKeyFile(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_FILE.containsAll(permissions)) {
      throw new KrebitConfigurationException(file + " is " + PosixFilePermissions.toString(permissions)
          + ": others can read or write it, and it is the key to your stored tokens, so krebit won't use it."
          + " Run: chmod 600 " + file + " (and if someone else may have read it, sign in again after krebit logout).");
    }
  }

  static boolean hasPosixPermissions(Path path) throws IOException {
    return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  private static boolean isSticky(Path directory) {
    try {
      return Files.getAttribute(directory, "unix:mode") instanceof Integer mode && (mode & STICKY) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return false; // a POSIX file system without the JDK's unix view: nothing more to learn
    }
  }
}
