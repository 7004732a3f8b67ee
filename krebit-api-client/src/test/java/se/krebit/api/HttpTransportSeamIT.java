package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The transport an {@link HttpConfig} selects is what both the token endpoint and the API client
 * send through, over real loopback sockets: a second transport needs nothing else.
 */
class HttpTransportSeamIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @Test
  void theTokenEndpointAndTheApiClientSendThroughTheSelectedTransport(FakeKrebitServer server) {
    List<String> sent = new CopyOnWriteArrayList<>();
    HttpConfig http =
        TestClients.fast()
            .transport(
                config -> {
                  HttpTransport jdk = HttpConfig.ofDefaults().transport().create(config);
                  return request -> {
                    sent.add(request.method() + " " + request.uri().getPath());
                    return jdk.send(request);
                  };
                })
            .build();
    ClientCredentialsTokenSource tokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).http(http).build())
            .client(server.credentials(TestClients.CLIENT_ID))
            .clock(server.clock())
            .build();

    Me me =
        KrebitClient.builder().tenant(server.tenant()).tokenSource(tokens).http(http).build().me();

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(sent).containsExactly("POST /oauth/token", "GET /api/1.0/me");
    assertThat(http.toString()).contains("transport=custom");
  }
}
