package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.RecordedTokenRequest;

/**
 * A {@code krebit} process must not exit while the refresh token Krebit just rotated exists only in its
 * memory: it stores it first, waiting for the store (bounded), and says so with exit code 8 when it
 * truly can't. Real processes of the executable jar; the fake in this JVM, whose refresh answer a test
 * delays to reach into the middle of a refresh, holding the store from another process or stopping krebit
 * with a signal. Every refresh token here is rotated strictly: redeeming a lost one's predecessor is
 * refused.
 */
class RotatedTokenAtExitIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();
  private static final Duration REFRESH_ANSWER_DELAY = Duration.ofSeconds(3);
  /** Short, so that a store held on purpose is given up on quickly. */
  private static final String STORE_WAIT = "2s";

  @TempDir Path home;
  private Cli inProcess;
  private CliProcess cli;

  @BeforeEach
  void signIn(FakeKrebitServer server) {
    inProcess = TestFake.signedIn(server, home);
    cli = new CliProcess(home)
        .env(ConfigSources.TENANT, server.baseUri().toString())
        .env(ConfigSources.CLIENT_ID, TestFake.CLIENT_ID)
        .env(ConfigSources.CLIENT_SECRET, TestFake.SECRET)
        .env(ConfigSources.STORE_WAIT, STORE_WAIT);
  }

  @AfterEach
  void stopProcesses() {
    cli.stopAll();
  }

  @Test
  void aRotatedRefreshTokenTheStoreRefusedIsStoredBeforeTheProcessExits(FakeKrebitServer server) throws Exception {
    CliProcess.Running me = meNeedingARefresh(server);
    CliProcess.Result result;
    try (StoreHolder other = StoreHolder.hold(home.resolve(".krebit"), StoreHolder.Mode.DATABASE)) {
      // krebit's writes of the rotated tokens are refused until it waits to store them on its way out
      await().atMost(CliProcess.TIMEOUT).until(() -> me.stderr().contains("before exiting") || !me.process().isAlive());
      other.release();
      result = me.finish();
    }

    assertThat(result.stderr())
        .contains("krebit: storing the refreshed tokens of subject 'alice' before exiting (waiting up to 2s")
        .contains("krebit: the refreshed tokens of subject 'alice' are stored now, after all.");
    Cli.Run next = inProcess.run("me", "--subject", "alice");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(server.journal().refreshRedemptionsOfUser("alice")).as("the stored rotation served the next call")
        .isEqualTo(1);
    assertThat(server.journal().tokenRequests()).noneMatch(r -> r.error().isPresent());
  }

  @Test
  void aRotatedRefreshTokenThatCannotBeStoredIsReportedWithItsOwnExitCode(FakeKrebitServer server)
      throws Exception {
    CliProcess.Running me = meNeedingARefresh(server);
    StoreHolder other = StoreHolder.hold(home.resolve(".krebit"), StoreHolder.Mode.DATABASE);
    CliProcess.Result result = me.finish(); // the store stays held until krebit has given up
    other.release();

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.REFRESH_TOKEN_NOT_STORED.code());
    assertThat(result.stderr().lines().filter(line -> line.startsWith("krebit me: ")).toList()).singleElement()
        .satisfies(line -> assertThat(line).contains("The refresh token Krebit issued for subject 'alice' could not"
            + " be stored in the encrypted H2 database " + home.resolve(".krebit/tokens.mv.db") + " before krebit"
            + " exited; it is lost").endsWith("Run: krebit login --subject alice"));
    // as said: the store still holds the refresh token Krebit retired, not the one it issued instead
    String issued = server.journal().tokenRequests().stream().filter(RecordedTokenRequest::isRefreshRedemption)
        .reduce((first, second) -> second).orElseThrow().issuedRefreshTokenFingerprint().orElseThrow();
    TokenStore store = LocalStore.open(home.resolve(".krebit"), Optional.empty(), Duration.ofSeconds(10),
        new PrintWriter(new StringWriter()));
    String stored = store.load(new TokenKey(server.tenant().id(), TestFake.CLIENT_ID, "alice")).orElseThrow()
        .tokens().refreshToken().orElseThrow().fingerprint();
    assertThat(stored).isNotEqualTo(issued);
  }

  @Test
  void aProcessStoppedDuringARefreshStoresTheRotatedTokenBeforeItExits(FakeKrebitServer server) throws Exception {
    CliProcess.Running me = meNeedingARefresh(server);
    long stopped = System.nanoTime();

    me.process().destroy(); // SIGTERM, as kill or a closing terminal sends, while Krebit is answering
    CliProcess.Result result = me.finish();

    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("it waited for the refresh's answer")
        .isGreaterThan(REFRESH_ANSWER_DELAY.dividedBy(2));
    assertThat(result.stderr()).doesNotContain("could not be stored");
    Cli.Run next = inProcess.run("me", "--subject", "alice");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(server.journal().refreshRedemptionsOfUser("alice")).isEqualTo(1);
    assertThat(server.journal().tokenRequests()).noneMatch(r -> r.error().isPresent());
  }

  /**
   * Starts {@code krebit me --subject alice} with alice's access token revoked, so that it refreshes,
   * and returns once the fake has rotated her refresh token and holds back its answer.
   */
  private CliProcess.Running meNeedingARefresh(FakeKrebitServer server) {
    server.revoke(inProcess.run("token", "--subject", "alice").out().strip());
    server.failNextTokenRequests(1, InjectedFault.delay(REFRESH_ANSWER_DELAY));
    CliProcess.Running me = cli.start("me", "--subject", "alice");
    await().atMost(CliProcess.TIMEOUT).until(() -> server.journal().refreshRedemptionsOfUser("alice") == 1
        || !me.process().isAlive());
    assertThat(me.process().isAlive()).as("krebit is waiting for the refresh's answer; %s", me.stderr()).isTrue();
    return me;
  }
}
