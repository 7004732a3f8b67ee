package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.JsonBodies.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the standalone jar as a user would, in its own process. */
class FakeKrebitMainIT {
  private static final long WAIT_SECONDS = 60;
  private static final String AUTHORIZE =
      "oauth/authorize?client_id=demo-client"
          + "&redirect_uri=http://127.0.0.1:9999/cb&response_type=code&state=xyz";
  private static Path jar;
  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void findTheJar() {
    jar = Path.of(System.getProperty("krebit.standalone.jar", "target/missing-standalone.jar"));
    assertThat(jar).as("the shaded jar, built in the package phase").isRegularFile();
  }

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
      if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void servesTheGuidesRequestsAndPrintsNoSecret() throws Exception {
    Process process =
        start(
            "--port",
            "0",
            "--client",
            "demo-client:demo-secret",
            "--client",
            "second:pw-2",
            "--token-lifetime",
            "120");
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));

    String banner = readLine(out);
    assertThat(banner).matches("Fake Krebit server on http://127\\.0\\.0\\.1:\\d+");
    URI base = URI.create(banner.substring("Fake Krebit server on ".length()) + "/");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(readLine(out));
    }
    assertThat(lines).contains("Registered clients: demo-client, second");
    assertThat(String.join("\n", lines)).doesNotContain("demo-secret").doesNotContain("pw-2");

    HttpResponse<String> token =
        Http.postJson(
            base.resolve("oauth/token"),
            "{\n\"grant_type\": \"client_credentials\",\n\"client_id\": \"demo-client\",\n"
                + "\"client_secret\": \"demo-secret\"\n}");
    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(json(token)).containsEntry("expires_in", 120L);
    HttpResponse<String> me =
        Http.get(base.resolve("api/1.0/me"), "Bearer " + json(token).get("access_token"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(data(me))
        .containsEntry("id", "app_demo-client")
        .containsEntry("name", "demo-client");
    assertThat(me.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void runsTheAuthorizationCodeFlowForAScriptWithCurlsRequests() throws Exception {
    Process process =
        start(
            "--port",
            "0",
            "--client",
            "demo-client:demo-secret",
            "--redirect-uri",
            "http://127.0.0.1:9999/cb",
            "--auto-approve",
            "alice",
            "--role",
            "alice:signer");
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    URI base = URI.create(readLine(out).substring("Fake Krebit server on ".length()) + "/");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      lines.add(readLine(out));
    }
    assertThat(lines)
        .contains(
            "Authorization endpoint: " + base + "oauth/authorize",
            "Redirect URIs: http://127.0.0.1:9999/cb",
            "Consent: every authorize request is approved as 'alice'");

    // as in the README: the redirect URI unencoded in the query, as a shell script would write it
    HttpResponse<String> authorize =
        Http.get(
            base.resolve(
                "oauth/authorize?client_id=demo-client&redirect_uri=http://127.0.0.1:9999/cb&response_type=code&state=xyz"));
    assertThat(authorize.statusCode()).isEqualTo(302);
    String location = authorize.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("http://127\\.0\\.0\\.1:9999/cb\\?code=[A-Za-z0-9_-]+&state=xyz");
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

    HttpResponse<String> tokens =
        Http.postJson(
            base.resolve("oauth/token"),
            "{\"grant_type\": \"authorization_code\","
                + " \"client_id\": \"demo-client\", \"client_secret\": \"demo-secret\","
                + " \"redirect_uri\": \"http://127.0.0.1:9999/cb\", \"code\": \""
                + code
                + "\"}");
    assertThat(tokens.statusCode()).isEqualTo(200);
    String refreshToken = (String) json(tokens).get("refresh_token");
    HttpResponse<String> refreshed =
        Http.postJson(
            base.resolve("oauth/token"),
            "{\"grant_type\": \"refresh_token\","
                + " \"client_id\": \"demo-client\", \"client_secret\": \"demo-secret\","
                + " \"refresh_token\": \""
                + refreshToken
                + "\"}");
    assertThat(refreshed.statusCode()).isEqualTo(200);
    assertThat(json(refreshed).get("refresh_token")).isNotNull().isNotEqualTo(refreshToken);
    HttpResponse<String> me =
        Http.get(base.resolve("api/1.0/me"), "Bearer " + json(refreshed).get("access_token"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(data(me))
        .containsEntry("id", "alice")
        .containsEntry("email", "alice@example.com")
        .containsEntry("roles", List.of("signer"));
  }

  @Test
  void showsTheConsentPageWithoutAutoApproval() throws Exception {
    Process process =
        start(
            "--port",
            "0",
            "--client",
            "demo-client:demo-secret",
            "--redirect-uri",
            "http://127.0.0.1:9999/cb");
    URI base =
        URI.create(
            readLine(new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8)))
                    .substring("Fake Krebit server on ".length())
                + "/");

    HttpResponse<String> page =
        Http.get(
            base.resolve(
                "oauth/authorize?client_id=demo-client&redirect_uri=http://127.0.0.1:9999/cb&response_type=code&state=xyz"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Approve", "Deny", "/oauth/authorize/decision");
  }

  @Test
  void expiresTokensInRealTime() throws Exception {
    Process process =
        start("--port", "0", "--client", "demo-client:demo-secret", "--token-lifetime", "1");
    String banner =
        readLine(new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8)));
    URI base = URI.create(banner.substring("Fake Krebit server on ".length()) + "/");
    String token =
        (String)
            json(Http.postJson(
                    base.resolve("oauth/token"),
                    Http.clientCredentialsJson("demo-client", "demo-secret")))
                .get("access_token");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Http.get(base.resolve("api/1.0/me"), "Bearer " + token).statusCode() == 401);
    assertThat(
            Http.get(base.resolve("api/1.0/me"), "Bearer " + token)
                .headers()
                .firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).contains("expired"));
  }

  @Test
  void refusesABadCommandLineWithOneLineAndExitCode2() throws Exception {
    Process process = start("--port", "8089", "--client", "demo-client");

    assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
    assertThat(err.lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("error: --client must be ID:SECRET")
                    .contains("usage: java -jar"));
    assertThat(process.getInputStream().readAllBytes()).isEmpty();
  }

  @Test
  void printsUsageForHelp() throws Exception {
    Process process = start("--help");

    assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    // What the help says is StandaloneOptionsTest's to check; here, that the jar prints all of it.
    assertThat(new String(process.getInputStream().readAllBytes(), UTF_8))
        .isEqualTo(StandaloneOptions.HELP);
  }

  @Test
  void noLocalProcessCanStopItOrStubItWithoutTheAdminToken() throws Exception {
    URI base = baseOf(start("--port", "0", "--client", "demo-client:demo-secret"));

    HttpResponse<String> shutdown = Http.postJson(base.resolve("__admin/shutdown"), "");
    HttpResponse<String> stub =
        Http.postJson(
            base.resolve("__admin/mappings"),
            "{\"request\":{\"url\":\"/api/1.0/me\"},\"response\":{\"status\":200,\"body\":\"forged\"}}");
    HttpResponse<String> journal = Http.get(base.resolve("__admin/krebit/journal"));

    assertThat(shutdown.statusCode()).isEqualTo(401);
    assertThat(stub.statusCode()).isEqualTo(401);
    assertThat(journal.statusCode()).isEqualTo(401);
    HttpResponse<String> token =
        Http.postJson(
            base.resolve("oauth/token"), Http.clientCredentialsJson("demo-client", "demo-secret"));
    assertThat(token.statusCode()).as("still running").isEqualTo(200);
    assertThat(Http.get(base.resolve("api/1.0/me"), "Bearer x").body()).doesNotContain("forged");
  }

  @Test
  void servesItsJournalToTheHolderOfTheAdminToken(@TempDir Path dir) throws Exception {
    String adminToken = "journal-reader-5f0c2a9e41d7b3c8";
    Path tokenFile = Files.writeString(dir.resolve("admin-token"), adminToken + "\n");
    Process process =
        start(
            "--port",
            "0",
            "--client",
            "demo-client:demo-secret",
            "--admin-token-file",
            tokenFile.toString());
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    URI base = URI.create(readLine(out).substring("Fake Krebit server on ".length()) + "/");
    List<String> banner = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      banner.add(readLine(out));
    }
    Http.postJson(
        base.resolve("oauth/token"), Http.clientCredentialsJson("demo-client", "demo-secret"));

    HttpResponse<String> journal =
        Http.get(base.resolve("__admin/krebit/journal"), "Bearer " + adminToken);

    assertThat(String.join("\n", banner))
        .contains(
            "Admin API and request journal: "
                + base
                + "__admin/krebit/journal, with 'Authorization: Bearer TOKEN' (TOKEN from "
                + tokenFile
                + ")")
        .doesNotContain(adminToken);
    assertThat(journal.statusCode()).isEqualTo(200);
    assertThat(json(journal)).containsEntry("totalTokenRequests", 1L);
    assertThat(journal.body())
        .contains("\"grantType\":\"client_credentials\"")
        .doesNotContain("demo-secret");
    assertThat(
            Http.get(base.resolve("__admin/krebit/journal"), "Bearer wrong-token-0000000000")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void refusesAnAdminTokenFileItCannotUse(@TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("admin-token"), "too-short\n");

    Process process =
        start("--port", "0", "--client", "a:b", "--admin-token-file", tokenFile.toString());

    assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), UTF_8))
        .startsWith("error: --admin-token-file: the admin token must be at least 16")
        .doesNotContain("too-short");
  }

  @Test
  void approvesTheUserTheLoginHintNamesAmongSeveral() throws Exception {
    URI base =
        baseOf(
            start(
                "--port",
                "0",
                "--client",
                "demo-client:demo-secret",
                "--redirect-uri",
                "http://127.0.0.1:9999/cb",
                "--auto-approve",
                "alice",
                "--auto-approve",
                "bob",
                "--role",
                "bob:signer"));
    assertThat(userSignedIn(base, AUTHORIZE + "&login_hint=bob")).isEqualTo("bob");
    assertThat(userSignedIn(base, AUTHORIZE)).isEqualTo("alice");
    HttpResponse<String> someoneElse = Http.get(base.resolve(AUTHORIZE + "&login_hint=mallory"));
    assertThat(someoneElse.statusCode()).isEqualTo(200);
    assertThat(someoneElse.body()).contains("Approve", "value=\"mallory\"");
  }

  @Test
  void takesTheRefreshTokenOptions() throws Exception {
    URI kept =
        baseOf(
            start(
                "--port",
                "0",
                "--client",
                "demo-client:demo-secret",
                "--redirect-uri",
                "http://127.0.0.1:9999/cb",
                "--auto-approve",
                "alice",
                "--refresh-rotation",
                "keep-and-repeat"));
    String first = signIn(kept);
    assertThat(refresh(kept, first).get("refresh_token")).isEqualTo(first);
    assertThat(refresh(kept, first).get("refresh_token")).isEqualTo(first);

    URI graceful =
        baseOf(
            start(
                "--port",
                "0",
                "--client",
                "demo-client:demo-secret",
                "--redirect-uri",
                "http://127.0.0.1:9999/cb",
                "--auto-approve",
                "alice",
                "--refresh-reuse-grace",
                "600"));
    String retired = signIn(graceful);
    Object rotated = refresh(graceful, retired).get("refresh_token");
    assertThat(refresh(graceful, retired))
        .as("replayed within the grace")
        .containsEntry("refresh_token", rotated);

    URI shortLived =
        baseOf(
            start(
                "--port",
                "0",
                "--client",
                "demo-client:demo-secret",
                "--redirect-uri",
                "http://127.0.0.1:9999/cb",
                "--auto-approve",
                "alice",
                "--refresh-token-lifetime",
                "1"));
    String expiring = signIn(shortLived);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(refresh(shortLived, expiring)).containsEntry("error", "invalid_grant"));
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    URI base = baseOf(start("--port", "0", "--client", "demo-client:demo-secret"));

    // on Linux 127.0.0.2 reaches this machine too; only a server bound to 0.0.0.0 or to it would
    // answer there
    try (Socket elsewhere = new Socket()) {
      assertThatThrownBy(
              () -> elsewhere.connect(new InetSocketAddress("127.0.0.2", base.getPort()), 5_000))
          .isInstanceOf(IOException.class);
    }
    for (InetAddress address : nonLoopbackAddresses()) {
      try (Socket elsewhere = new Socket()) {
        assertThatThrownBy(
                () -> elsewhere.connect(new InetSocketAddress(address, base.getPort()), 5_000))
            .as("connecting on %s", address)
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void exitsWith1WhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process process = start("--port", String.valueOf(taken.getLocalPort()), "--client", "a:b");

      assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(new String(process.getErrorStream().readAllBytes(), UTF_8))
          .contains("error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        Collections.list(network.getInetAddresses()).stream()
            .filter(a -> a instanceof Inet4Address)
            .forEach(addresses::add);
      }
    }
    return addresses;
  }

  private URI baseOf(Process process) throws Exception {
    String banner =
        readLine(new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8)));
    return URI.create(banner.substring("Fake Krebit server on ".length()) + "/");
  }

  /** Signs the auto-approved user in with curl's requests and returns the refresh token. */
  private static String signIn(URI base) {
    return (String) codeExchange(base, AUTHORIZE).get("refresh_token");
  }

  /** The tokens of a sign-in at {@code authorize}, approved at once. */
  private static Map<String, Object> codeExchange(URI base, String authorize) {
    String location =
        Http.get(base.resolve(authorize)).headers().firstValue("Location").orElseThrow();
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    return json(
        Http.postJson(
            base.resolve("oauth/token"),
            "{\"grant_type\": \"authorization_code\","
                + " \"client_id\": \"demo-client\", \"client_secret\": \"demo-secret\","
                + " \"redirect_uri\": \"http://127.0.0.1:9999/cb\", \"code\": \""
                + code
                + "\"}"));
  }

  private static Map<String, Object> refresh(URI base, String refreshToken) {
    return json(
        Http.postJson(
            base.resolve("oauth/token"),
            "{\"grant_type\": \"refresh_token\","
                + " \"client_id\": \"demo-client\", \"client_secret\": \"demo-secret\","
                + " \"refresh_token\": \""
                + refreshToken
                + "\"}"));
  }

  private static String userSignedIn(URI base, String authorize) {
    Object accessToken = codeExchange(base, authorize).get("access_token");
    Object data =
        json(Http.get(base.resolve("api/1.0/me"), "Bearer " + accessToken))
            .get("data"); // the users guide's envelope
    return (String) ((Map<?, ?>) data).get("id");
  }

  private Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    processes.add(process);
    return process;
  }

  private static String readLine(BufferedReader reader) throws Exception {
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return reader.readLine();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(line).as("a line of output").isNotNull();
    return line;
  }
}
