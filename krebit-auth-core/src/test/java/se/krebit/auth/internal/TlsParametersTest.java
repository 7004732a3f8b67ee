package se.krebit.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class TlsParametersTest {
  @Test
  void enablesOnlyTls13AndTls12WithHostNameVerification() throws Exception {
    SSLParameters parameters = TlsParameters.strict(SSLContext.getDefault(), "sslContext");

    assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void narrowsAContextThatAllowsOlderProtocols() throws Exception {
    SSLContext legacy = SSLContext.getInstance("TLSv1");
    legacy.init(null, null, null);

    assertThat(TlsParameters.strict(legacy, "sslContext").getProtocols())
        .containsExactly("TLSv1.3", "TLSv1.2");
  }
}
