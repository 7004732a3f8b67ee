package se.krebit.http.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;

/**
 * The enterprise hooks over real loopback sockets: a per-client proxy (a real forwarding HTTP proxy
 * written here, counting what goes through it), proxy authentication answered by the configured
 * {@link Authenticator} after a 407, and the {@code HttpClient.Builder} customiser, which may not
 * weaken TLS or follow redirects.
 */
class ProxyIT {
  private static final String CREDENTIALS =
      Base64.getEncoder().encodeToString("corp-user:corp-pass".getBytes(UTF_8));

  private MeOrigin origin;
  private ForwardingProxy proxy;

  @BeforeEach
  void start() throws IOException {
    origin = new MeOrigin(1);
  }

  @AfterEach
  void stop() throws IOException {
    origin.close();
    if (proxy != null) {
      proxy.close();
    }
  }

  private URI me() {
    return origin.me();
  }

  private static HttpTransport.Response get(HttpConfig config, URI uri) throws IOException {
    return JdkHttpTransport.create(config)
        .send(
            new HttpTransport.Request(
                "GET", uri, Map.of(), Optional.empty(), Duration.ofSeconds(5)));
  }

  @Test
  void everyRequestGoesThroughTheConfiguredProxy() throws IOException {
    proxy = new ForwardingProxy(false);
    HttpConfig config = HttpConfig.custom().proxy(ProxySelector.of(proxy.address())).build();

    HttpTransport.Response first = get(config, me());
    HttpTransport.Response second = get(config, me());

    assertThat(first.status()).isEqualTo(200);
    assertThat(new String(second.body(), UTF_8)).isEqualTo("{\"id\":\"me\"}");
    assertThat(proxy.requestLines())
        .containsExactly("GET " + me() + " HTTP/1.1", "GET " + me() + " HTTP/1.1");
    assertThat(config.toString())
        .contains("proxy=set")
        .doesNotContain(String.valueOf(proxy.address().getPort()));
  }

  @Test
  void withoutAProxyNothingGoesThroughIt() throws IOException {
    proxy = new ForwardingProxy(false);

    assertThat(get(HttpConfig.ofDefaults(), me()).status()).isEqualTo(200);
    assertThat(proxy.requestLines()).isEmpty();
  }

  @Test
  void aProxyAsking407IsAnsweredByTheAuthenticator() throws IOException {
    proxy = new ForwardingProxy(true);
    List<Authenticator.RequestorType> asked = new CopyOnWriteArrayList<>();
    Authenticator corporate =
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            asked.add(getRequestorType());
            return new PasswordAuthentication("corp-user", "corp-pass".toCharArray());
          }
        };
    HttpConfig config =
        HttpConfig.custom()
            .proxy(ProxySelector.of(proxy.address()))
            .authenticator(corporate)
            .build();

    HttpTransport.Response response = get(config, me());

    assertThat(response.status()).isEqualTo(200);
    assertThat(asked).containsExactly(Authenticator.RequestorType.PROXY);
    assertThat(proxy.authorizations()).containsExactly("", "Basic " + CREDENTIALS);
    assertThat(config.toString()).contains("authenticator=set").doesNotContain("corp");
  }

  @Test
  void withoutAnAuthenticatorThe407IsTheAnswer() throws IOException {
    proxy = new ForwardingProxy(true);

    HttpTransport.Response response =
        get(HttpConfig.custom().proxy(ProxySelector.of(proxy.address())).build(), me());

    assertThat(response.status()).isEqualTo(407);
    assertThat(proxy.authorizations()).containsExactly("");
  }

  @Test
  void theCustomiserRunsLastOnTheJdkBuilder() throws IOException {
    AtomicInteger tasks = new AtomicInteger();
    Executor counting =
        task -> {
          tasks.incrementAndGet();
          task.run();
        };
    HttpConfig config =
        HttpConfig.custom().httpClientCustomizer(builder -> builder.executor(counting)).build();

    assertThat(get(config, me()).status()).isEqualTo(200);
    assertThat(tasks)
        .as("the client ran its tasks on the customiser's executor")
        .hasPositiveValue();
  }

  @Test
  void aCustomiserMayNotWeakenTlsOrFollowRedirects() throws Exception {
    SSLContext other = SSLContext.getInstance("TLS");
    other.init(null, null, null);
    List<java.util.function.Consumer<HttpClient.Builder>> weakening = new ArrayList<>();
    weakening.add(
        builder ->
            builder.sslParameters(new SSLParameters(null, new String[] {"TLSv1.1", "TLSv1"})));
    weakening.add(builder -> builder.sslContext(other));
    weakening.add(builder -> builder.followRedirects(HttpClient.Redirect.ALWAYS));

    for (java.util.function.Consumer<HttpClient.Builder> customiser : weakening) {
      HttpConfig config = HttpConfig.custom().httpClientCustomizer(customiser).build();
      assertThatThrownBy(() -> JdkHttpTransport.create(config))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("httpClientCustomizer must not change TLS or redirects");
    }
  }

  /**
   * A plain-HTTP forwarding proxy on loopback: reads an absolute-form request, optionally demands
   * Basic proxy authentication (407), forwards the request to the origin in origin form and copies
   * the answer back. One request per connection.
   */
  private static final class ForwardingProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final boolean requireAuth;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ForwardingProxy(boolean requireAuth) throws IOException {
      this.requireAuth = requireAuth;
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.acceptor = new Thread(this::acceptAll, "test-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    List<String> requestLines() {
      return requestLines;
    }

    /** The Proxy-Authorization of each request, "" when absent. */
    List<String> authorizations() {
      return authorizations;
    }

    private void acceptAll() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          serve(client);
        } catch (IOException e) {
          // closed, or a client that went away: next one
        }
      }
    }

    private void serve(Socket client) throws IOException {
      InputStream in = client.getInputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String requestLine = head.get(0);
      String authorization = header(head, "Proxy-Authorization");
      requestLines.add(requestLine);
      authorizations.add(authorization);
      OutputStream out = client.getOutputStream();
      if (requireAuth && !authorization.equals("Basic " + CREDENTIALS)) {
        out.write(
            ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(US_ASCII));
        out.flush();
        return;
      }
      String[] parts = requestLine.split(" ");
      URI target = URI.create(parts[1]);
      try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
        StringBuilder forwarded =
            new StringBuilder(parts[0] + " " + target.getRawPath() + " HTTP/1.1\r\n");
        forwarded
            .append("Host: ")
            .append(target.getHost())
            .append(':')
            .append(target.getPort())
            .append("\r\n");
        for (String line : head.subList(1, head.size())) {
          String name = line.substring(0, line.indexOf(':')).trim();
          if (!name.equalsIgnoreCase("Host")
              && !name.regionMatches(true, 0, "Proxy-", 0, 6)
              && !name.equalsIgnoreCase("Connection")) {
            forwarded.append(line).append("\r\n");
          }
        }
        forwarded.append("Connection: close\r\n\r\n");
        upstream.getOutputStream().write(forwarded.toString().getBytes(US_ASCII));
        upstream.getOutputStream().flush();
        out.write(upstream.getInputStream().readAllBytes());
        out.flush();
      }
    }

    private static String header(List<String> head, String name) {
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }

    private static List<String> readHead(InputStream in) throws IOException {
      List<String> lines = new ArrayList<>();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int previous = -1;
      int next;
      while ((next = in.read()) != -1) {
        if (previous == '\r' && next == '\n') {
          byte[] bytes = line.toByteArray();
          String text = new String(bytes, 0, bytes.length - 1, US_ASCII);
          if (text.isEmpty()) {
            return lines;
          }
          lines.add(text);
          line.reset();
        } else {
          line.write(next);
        }
        previous = next;
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
