package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code krebit} processes at once on one user's stored tokens, as a user's scripts run them:
 * real JVMs of the executable jar, one token store in one home directory, against the standalone fake
 * in a JVM of its own with short-lived access tokens and strict refresh-token rotation (a refresh
 * token redeemed twice is refused and revokes its family).
 */
class ParallelProcessesIT {
  private static final int PROCESSES = 5;
  private static final int EXPIRED_ROUNDS = 2;
  /** Short, yet long enough that the fake's one-second clock and a loaded machine don't eat the token's margin. */
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(15);
  private static final String CLIENT_ID = "parallel-cli";
  private static final String SECRET = "parallel-cli-secret-7c1e";

  @TempDir Path home;
  private StandaloneFake fake;
  private CliProcess cli;

  @BeforeEach
  void startTheFakeAndSignIn() throws Exception {
    int port = Cli.freePort();
    fake = StandaloneFake.start(home, "--client", CLIENT_ID + ":" + SECRET, "--token-lifetime",
        Long.toString(TOKEN_LIFETIME.toSeconds()), "--redirect-uri", Cli.callback(port).toString(),
        "--auto-approve", "alice");
    cli = new CliProcess(home)
        .env(ConfigSources.TENANT, fake.baseUri().toString())
        .env(ConfigSources.CLIENT_ID, CLIENT_ID)
        .env(ConfigSources.CLIENT_SECRET, SECRET);
    LoginProcess.signIn(cli, port, "alice");
  }

  @AfterEach
  void stopTheFakeAndKrebit() {
    if (cli != null) {
      cli.stopAll();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void everyProcessGetsATokenAndEachRefreshTokenIsRedeemedOnce() throws Exception {
    List<CliProcess.Result> results = new ArrayList<>(round()); // right after the sign-in, the token still fresh

    for (int round = 1; round <= EXPIRED_ROUNDS; round++) {
      Thread.sleep(TOKEN_LIFETIME.plusSeconds(1).toMillis()); // every token issued so far has expired
      int refreshesBefore = fake.refreshRequests().size();
      results.addAll(round());
      assertThat(fake.refreshRequests().size()).as("round %d refreshed the expired token", round)
          .isGreaterThan(refreshesBefore);
    }

    assertThat(results).hasSize(PROCESSES * (EXPIRED_ROUNDS + 1)).allSatisfy(result -> {
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).matches("[A-Za-z0-9_-]{43}\\R");
    });
    // Strict rotation refuses a second redemption of any refresh token (and revokes the family), so
    // every refresh succeeding, each answering a new refresh token, means one redemption per generation.
    List<JsonNode> refreshes = fake.refreshRequests();
    Set<String> issued = new HashSet<>();
    for (JsonNode refresh : refreshes) {
      assertThat(refresh.path("status").asInt()).as("refresh %s", refresh).isEqualTo(200);
      assertThat(refresh.path("refreshRedemption").asBoolean()).isTrue();
      assertThat(issued.add(refresh.path("issuedRefreshTokenFingerprint").asText())).isTrue();
    }
    assertThat(fake.journal().get("refreshRedemptions").asInt()).isEqualTo(refreshes.size());
  }

  /** Starts {@link #PROCESSES} {@code krebit token --subject alice} at once and waits for them all. */
  private List<CliProcess.Result> round() {
    List<CliProcess.Running> running = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      running.add(cli.start("token", "--subject", "alice"));
    }
    return running.stream().map(CliProcess.Running::finish).toList();
  }
}
