package se.krebit.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TlsHttpClientsTest {
  @Test
  void enablesOnlyTls13AndTls12OnTheDefaultContext() {
    HttpClient client = TlsHttpClients.create(null, Duration.ofSeconds(1));

    assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(client.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void narrowsAContextThatAllowsOlderProtocols() throws Exception {
    SSLContext legacy = SSLContext.getInstance("TLSv1");
    legacy.init(null, null, null);

    HttpClient client = TlsHttpClients.create(legacy, Duration.ofSeconds(1));

    assertThat(client.sslContext()).isSameAs(legacy);
    assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void neverFollowsRedirectsAndKeepsTheConnectTimeout() {
    HttpClient client = TlsHttpClients.create(null, Duration.ofMillis(1234));

    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(client.connectTimeout()).contains(Duration.ofMillis(1234));
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }
}
