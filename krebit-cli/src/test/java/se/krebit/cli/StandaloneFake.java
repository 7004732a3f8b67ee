package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The test kit's standalone fake Krebit server ({@code FakeKrebitMain}) in a JVM of its own, as a
 * user testing their integration runs it, its admin API opened with a token so that tests can read
 * its request journal over HTTP.
 */
final class StandaloneFake implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final URI baseUri;
  private final String adminToken;

  private StandaloneFake(Process process, URI baseUri, String adminToken) {
    this.process = process;
    this.baseUri = baseUri;
    this.adminToken = adminToken;
  }

  /** Starts it on a free port with {@code options}, and waits until it listens. */
  static StandaloneFake start(Path directory, String... options) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String adminToken = HexFormat.of().formatHex(random);
    Path tokenFile = Files.writeString(directory.resolve("fake-admin-token"), adminToken);
    List<String> command =
        new ArrayList<>(
            List.of(
                CliProcess.javaCommand(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "se.krebit.testkit.FakeKrebitMain",
                "--port",
                "0",
                "--admin-token-file",
                tokenFile.toString()));
    command.addAll(List.of(options));
    Process process =
        new ProcessBuilder(command).redirectError(directory.resolve("fake.err").toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String banner;
    try {
      banner = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the standalone fake did not start", e);
    }
    if (banner == null || !banner.startsWith("Fake Krebit server on http://127.0.0.1:")) {
      process
          .destroyForcibly(); // nobody else holds it: a fake left running would outlive the build
    }
    assertThat(banner)
        .as("the fake's first line")
        .startsWith("Fake Krebit server on http://127.0.0.1:");
    CompletableFuture.runAsync(
        () -> out.lines().forEach(line -> {})); // drain the rest of the banner
    return new StandaloneFake(
        process, URI.create(banner.substring("Fake Krebit server on ".length()) + "/"), adminToken);
  }

  /** Its base URI, the tenant to configure krebit with. */
  URI baseUri() {
    return baseUri;
  }

  /** Its request journal, as {@code /__admin/krebit/journal} serves it. */
  JsonNode journal() {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve("__admin/krebit/journal"))
            .header("Authorization", "Bearer " + adminToken)
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("the journal's status").isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The journal's token requests with {@code grant_type=refresh_token}, oldest first. */
  List<JsonNode> refreshRequests() {
    List<JsonNode> refreshes = new ArrayList<>();
    journal()
        .get("tokenRequests")
        .forEach(
            entry -> {
              if ("refresh_token".equals(entry.path("grantType").asText())) {
                refreshes.add(entry);
              }
            });
    return refreshes;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
