package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The files krebit keeps tokens in, yours alone whatever they were before; a key others can read,
 * refused.
 */
class LocalFilesIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();

  @TempDir Path home;
  private Cli cli;
  private Path store;

  @BeforeEach
  void signIn(FakeKrebitServer server) {
    cli = TestFake.signedIn(server, home);
    store = home.resolve(".krebit");
  }

  @Test
  void theDatabaseIsTheOwnersAloneFromTheStart() throws IOException {
    assertThat(permissions(store)).isEqualTo("rwx------");
    assertThat(permissions(store.resolve("tokens.mv.db"))).isEqualTo("rw-------");
    assertThat(permissions(store.resolve("tokens.lock"))).isEqualTo("rw-------");
    assertThat(permissions(store.resolve("store-key.json"))).isEqualTo("rw-------");
  }

  @Test
  void aStoreThatExistedLooserIsMadeTheOwnersAlone() throws IOException {
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        store.resolve("tokens.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        store.resolve("tokens.lock"), PosixFilePermissions.fromString("rw-rw-rw-"));

    Cli.Run token = cli.run("token", "--subject", "alice");

    assertThat(token.exitCode()).as(token.err()).isZero();
    assertThat(token.err())
        .isEqualTo(
            "krebit: note: the token store directory "
                + store
                + " was rwxr-xr-x; it is"
                + " rwx------ (0700) now, yours alone."
                + System.lineSeparator());
    assertThat(permissions(store)).isEqualTo("rwx------");
    assertThat(permissions(store.resolve("tokens.mv.db"))).isEqualTo("rw-------");
    assertThat(permissions(store.resolve("tokens.lock"))).isEqualTo("rw-------");
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws IOException {
    Path key = store.resolve("store-key.json");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Run token = cli.run("token", "--subject", "alice");

    assertThat(token.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(token.out()).isEmpty();
    assertThat(token.err())
        .isEqualTo(
            "krebit token: "
                + key
                + " is rw-r--r--: others can read or write it, and it"
                + " is the key to your stored tokens, so krebit won't use it. Run: chmod 600 "
                + key
                + " (and if someone else"
                + " may have read it, sign in again after krebit logout)."
                + System.lineSeparator());
    assertThat(permissions(key)).as("left for the user to decide").isEqualTo("rw-r--r--");
  }

  @Test
  void aDirectorySharedByDesignIsRefused() throws Exception {
    Path shared = Files.createDirectory(home.resolve("shared"));
    Process chmod = new ProcessBuilder("chmod", "1777", shared.toString()).start();
    assertThat(chmod.waitFor()).isZero();

    Cli.Run token = cli.run("token", "--subject", "alice", "--store-dir", shared.toString());

    assertThat(token.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(token.err())
        .contains(
            "The token store directory "
                + shared
                + " is shared by design (its sticky bit"
                + " is set, as on /tmp)");
    assertThat(permissions(shared)).isEqualTo("rwxrwxrwx");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
