package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code krebit login} in a process of its own, with an HTTP client playing the browser. */
final class LoginProcess {
  private static final Pattern SIGN_IN_URL =
      Pattern.compile("^  (http\\S+/oauth/authorize\\?\\S+)$", Pattern.MULTILINE);
  private static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private LoginProcess() {}

  /**
   * Signs {@code subject} in through {@code krebit login --port port}, the fake approving at once,
   * and waits for krebit to store the tokens.
   */
  static void signIn(CliProcess cli, int port, String subject)
      throws IOException, InterruptedException {
    CliProcess.Running login =
        cli.start("login", "--subject", subject, "--port", Integer.toString(port), "--no-browser");

    HttpResponse<String> page =
        BROWSER.send(
            HttpRequest.newBuilder(awaitSignInUrl(login)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(page.body()).contains("You are signed in to Krebit as " + subject);
    CliProcess.Result done = login.finish();
    assertThat(done.exitCode()).as(done.stderr()).isZero();
  }

  /** The sign-in URL a running {@code krebit login} prints, once it has. */
  static URI awaitSignInUrl(CliProcess.Running login) {
    await()
        .atMost(CliProcess.TIMEOUT)
        .until(() -> SIGN_IN_URL.matcher(login.stdout()).find() || !login.process().isAlive());
    Matcher url = SIGN_IN_URL.matcher(login.stdout());
    assertThat(url.find())
        .as("krebit login printed the sign-in URL; stderr: %s", login.stderr())
        .isTrue();
    return URI.create(url.group(1));
  }
}
