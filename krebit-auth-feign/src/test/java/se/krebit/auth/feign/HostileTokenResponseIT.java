package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.KrebitException;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * Token responses mutated at random (a seeded fuzzer: characters dropped, doubled or replaced,
 * members retyped, nulled and repeated, nesting and odd Unicode added) and a 10 MB body, served by
 * the fake over a real socket: each is a valid token response or a typed error, nothing else, and a
 * long run of them leaks no connection or thread.
 */
class HostileTokenResponseIT {
  private static final long SEED = 20261127L;
  private static final int CASES = 300;
  private static final String VALID =
      "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"at-PLANTED-5f1e\",\"refresh_token\":\"rt-9\","
          + "\"scope\":\"read write\"}";
  private static final List<String> INSERTS = List.of("\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1", "1e999",
      "\\u0000", "\\ud800", "\u202e", "\ufeff", "\u0000", "\"access_token\":\"x\",", "\"expires_in\":\"3600\",",
      "\"token_type\":null,", "\"error\":\"invalid_grant\",", "[[[[[[[[[[[[[[[[[[[[", "\\", "\ud83d\ude00", "'");

  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  static Stream<String> mutatedBodies() {
    Random random = new Random(SEED);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      StringBuilder body = new StringBuilder(VALID);
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        int at = random.nextInt(body.length() + 1);
        switch (random.nextInt(5)) {
          case 0 -> body.insert(at, INSERTS.get(random.nextInt(INSERTS.size())));
          case 1 -> body.delete(at, Math.min(body.length(), at + 1 + random.nextInt(6)));
          case 2 -> body.insert(at, body.substring(at, Math.min(body.length(), at + random.nextInt(20))));
          case 3 -> {
            if (at < body.length()) {
              body.setCharAt(at, (char) (0x20 + random.nextInt(0x5f)));
            }
          }
          default -> body.replace(0, body.length(),
              body.toString().replace("3600", List.of("\"3600\"", "null", "3600.5", "[3600]", "{}", "-3600").get(random.nextInt(6))));
        }
      }
      bodies.add(body.toString());
    }
    bodies.add("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    bodies.add(VALID.replace("}", ",\"access_token\":\"dup\"}"));
    bodies.add(VALID.replace("\"Bearer\"", "\"Bearer\",\"token_type\":\"mac\""));
    bodies.add("\ufeff" + VALID);
    bodies.add(VALID.replace("at-PLANTED-5f1e", "at-\u00e9-\u202e"));
    bodies.add(VALID.replace("3600", "true"));
    bodies.add("null");
    bodies.add("");
    return bodies.stream();
  }

  private static FeignTokenEndpoint endpoint(FakeKrebitServer server) {
    return TestEndpoints.at(server.baseUri().toString().replaceAll("/$", "")).http(HttpConfig.from(TestEndpoints.FAST).callTimeout(Duration.ofSeconds(5)).build()).build();
  }

  @ParameterizedTest
  @MethodSource("mutatedBodies")
  void aMutatedTokenResponseIsValidOrATypedError(String body, FakeKrebitServer server) {
    server.failNextTokenRequests(1, InjectedFault.response(200, "application/json", body));

    Throwable failure = catchThrowable(() -> check(endpoint(server).exchange(
        server.credentials("demo-client"), ClientCredentialsGrant.defaultScope())));

    if (failure != null) {
      assertThat(failure).isInstanceOfAny(InvalidTokenResponseException.class, OAuthErrorException.class);
      assertThat(((KrebitException) failure).isRetryable()).isFalse();
      assertThat(failure.getMessage()).doesNotContain("at-PLANTED-5f1e").doesNotContain("\n");
    }
    assertThat(server.journal().tokenRequestCount()).as("never sent again").isEqualTo(1);
  }

  /** What a response that passed validation must be. */
  private static void check(TokenResponse response) {
    assertThat(response.accessToken()).isNotEmpty().matches("[\\x20-\\x7e]+");
    assertThat(response.expiresIn()).isPositive();
  }

  @Test
  void aTenMegabyteBodyIsRefusedWithoutReadingItAll(FakeKrebitServer server) {
    String huge = "{\"access_token\":\"" + "a".repeat(10 * 1024 * 1024) + "\",\"token_type\":\"Bearer\",\"expires_in\":1}";
    server.failNextTokenRequests(1, InjectedFault.response(200, "application/json", huge));

    Throwable failure = catchThrowable(() -> endpoint(server).exchange(
        server.credentials("demo-client"), ClientCredentialsGrant.defaultScope()));

    assertThat(failure).isInstanceOf(InvalidTokenResponseException.class)
        .hasMessageContaining("larger than the limit of 1048576 bytes");
  }

  @Test
  void manyHostileResponsesLeakNoConnectionOrThread(FakeKrebitServer server) {
    FeignTokenEndpoint endpoint = endpoint(server);
    List<String> bodies = mutatedBodies().limit(120).toList();
    for (String body : bodies.subList(0, 20)) { // warm up: pools and threads at their working size
      exchangeIgnoringFailure(server, endpoint, body);
    }
    int socketsBefore = openSockets();
    int threadsBefore = Thread.activeCount();

    for (String body : bodies.subList(20, bodies.size())) {
      exchangeIgnoringFailure(server, endpoint, body);
    }

    assertThat(openSockets()).as("open sockets after 100 more hostile responses").isLessThanOrEqualTo(socketsBefore + 4);
    assertThat(Thread.activeCount()).as("threads").isLessThanOrEqualTo(threadsBefore + 4);
  }

  private static void exchangeIgnoringFailure(FakeKrebitServer server, FeignTokenEndpoint endpoint, String body) {
    server.failNextTokenRequests(1, InjectedFault.response(200, "application/json", body));
    Throwable failure = catchThrowable(() -> endpoint.exchange(server.credentials("demo-client"),
        ClientCredentialsGrant.defaultScope()));
    assertThat(failure == null || failure instanceof KrebitException).as(String.valueOf(failure)).isTrue();
  }

  /** Sockets this process has open, client and server ends alike. */
  private static int openSockets() {
    File[] descriptors = new File("/proc/self/fd").listFiles();
    assertThat(descriptors).as("/proc/self/fd").isNotNull();
    int sockets = 0;
    for (File descriptor : descriptors) {
      try {
        if (Files.readSymbolicLink(descriptor.toPath()).toString().startsWith("socket:")) {
          sockets++;
        }
      } catch (IOException e) {
        // closed while we looked
      }
    }
    return sockets;
  }
}
