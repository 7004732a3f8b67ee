package se.krebit.http.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.TlsVersion;
import org.junit.jupiter.api.Test;

/** The policy every OkHttp client of Krebit is built with. */
class OkHttpClientsTest {
  @Test
  void enablesOnlyTls13And12AndCleartextForTheLoopbackTheCallerAllowed() {
    OkHttpClient client = OkHttpClients.create(null, null, Duration.ofSeconds(5), null, null);

    assertThat(client.connectionSpecs())
        .containsExactly(OkHttpClients.TLS, ConnectionSpec.CLEARTEXT);
    assertThat(OkHttpClients.TLS.tlsVersions())
        .containsExactly(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);
    assertThat(client.protocols()).containsExactly(Protocol.HTTP_1_1);
  }

  @Test
  void neverFollowsRedirectsNorRetriesBehindTheCaller() {
    OkHttpClient client = OkHttpClients.create(null, null, Duration.ofSeconds(5), null, null);

    assertThat(client.followRedirects()).isFalse();
    assertThat(client.followSslRedirects()).isFalse();
    assertThat(client.retryOnConnectionFailure()).isFalse();
    assertThat(client.connectTimeoutMillis()).isEqualTo(5_000);
  }
}
