package se.krebit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import se.krebit.api.Document;
import se.krebit.api.KrebitClient;
import se.krebit.api.Me;
import se.krebit.api.NewSigning;
import se.krebit.api.Signing;
import se.krebit.api.Signings;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCallbackException.AuthorizationError;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcStateRepository;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
import se.krebit.testkit.RecordedRequest;
import se.krebit.testkit.RequestJournal;
import se.krebit.testkit.SamplePdf;
import se.krebit.tink.TinkTokenCipher;
import se.krebit.webhooks.VerifiedDelivery;

/**
 * One run of {@code krebit demo}: a fake Krebit server, an H2 database, and the steps that print
 * what happens.
 */
final class Demo implements AutoCloseable {
  static final String CLIENT_ID = "demo-client";
  static final String USER = "alice";
  private static final String SECRET = "demo-secret";
  private static final URI CALLBACK = URI.create("http://127.0.0.1/callback");
  private static final int CACHED_CALLS = 1_000_000;

  private final FakeKrebitServer server;
  private final PrintWriter out;
  private final JdbcDataSource h2 = new JdbcDataSource();
  private final HttpBrowser browser = new HttpBrowser();
  private final FeignTokenEndpoint endpoint;
  private final TokenStore store;
  private final AuthorizationCodeFlow flow;
  private final TokenKey alice;
  private int step;

  private Demo(FakeKrebitServer server, PrintWriter out) {
    this.server = server;
    this.out = out;
    h2.setURL("jdbc:h2:mem:krebit-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    TokenCipher cipher =
        TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()); // this run's key
    this.endpoint = FeignTokenEndpoint.builder().tenant(server.tenant()).build();
    this.store = JdbcTokenStore.builder(h2).cipher(cipher).createTableIfMissing(true).build();
    this.flow =
        AuthorizationCodeFlow.builder()
            .tenant(server.tenant())
            .client(ClientCredentials.of(CLIENT_ID, SECRET))
            .endpoint(endpoint)
            .redirectUri(CALLBACK)
            .tokenStore(store)
            .stateRepository(
                JdbcStateRepository.builder(h2).cipher(cipher).createTableIfMissing(true).build())
            .clock(server.clock()) // the demo moves the fake's clock; the flow's timers follow it
            .build();
    this.alice = TokenKey.of(server.tenant(), ClientCredentials.of(CLIENT_ID, SECRET), USER);
  }

  /** Starts the fake server, with the app and a user who consents at once. */
  static Demo start(PrintWriter out) {
    return new Demo(
        FakeKrebitServer.builder()
            .app(CLIENT_ID, SECRET, "reader")
            .redirectUri(CLIENT_ID, CALLBACK.toString())
            .userRoles(USER, "signer")
            .autoApprove(USER)
            .build()
            .start(),
        out);
  }

  void run() throws Exception {
    out.printf(
        "Krebit Auth demo. A fake Krebit server runs in this process at %s,%nwith the app '%s' and the"
            + " user '%s'; nothing leaves this machine. Tokens are shown as fingerprints%n(8 hex digits of their"
            + " SHA-256), never as values.%n",
        server.baseUri(), CLIENT_ID, USER);
    KrebitClient asApp = clientCredentials();
    Signing draft = quickstart(asApp);
    KrebitClient asAlice = signIn(asApp);
    refreshes();
    revokedToken(asAlice);
    typedErrors();
    webhooks(draft);
    RequestJournal journal = server.journal();
    out.printf(
        "%nDone: %d token, %d authorize and %d API requests reached the fake server; it made %d webhook"
            + " delivery attempt(s).%n",
        journal.tokenRequestCount(),
        journal.authorizeRequestCount(),
        journal.apiRequestCount(),
        server.webhooks().deliveries().size());
  }

  private KrebitClient clientCredentials() {
    section("Client credentials: the app calls Krebit as itself");
    TokenSource appTokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(ClientCredentials.of(CLIENT_ID, SECRET))
            .build();
    Mark mark = mark();
    AccessToken first = appTokens.token();
    step(
        "token(): the first call requests an app token (a JSON token request, as in the Krebit guide)",
        mark,
        "app token %s, valid for %d s",
        first.fingerprint(),
        server.tokenLifetime().toSeconds());

    mark = mark();
    for (int i = 0; i < CACHED_CALLS; i++) {
      appTokens.token();
    }
    step(
        String.format("%,d more token() calls are served from memory", CACHED_CALLS),
        mark,
        "still %d token request in total",
        server.journal().tokenRequestCount());

    KrebitClient asApp =
        KrebitClient.builder().tenant(server.tenant()).tokenSource(appTokens).build();
    mark = mark();
    Me me = asApp.me();
    step(
        "KrebitClient.me(): GET /api/1.0/me with the app token",
        mark,
        "Krebit says: %s",
        describe(me));
    return asApp;
  }

  /**
   * Krebit's signing quickstart, steps 2 and 3, then the list; the draft, which the webhook steps
   * send.
   */
  private Signing quickstart(KrebitClient asApp) {
    section("The signing quickstart: a draft, a PDF in it, the list");
    Signings signings = asApp.signings();
    Mark mark = mark();
    Signing draft =
        signings.create(
            NewSigning.builder()
                .name("Demo agreement")
                .language(NewSigning.ENGLISH)
                .signingOrder(NewSigning.SEQUENTIAL)
                .message("Please sign by Friday.")
                .build());
    step(
        "signings().create(...): a draft signing with the quickstart's values",
        mark,
        "draft %s, \"%s\"",
        draft.id(),
        draft.name().orElse(""));

    byte[] pdf = SamplePdf.document("Demo agreement");
    mark = mark();
    Document document = signings.upload(draft.id(), "document.pdf", pdf);
    step(
        "signings().upload(...): a PDF made here, as multipart/form-data in selected_file",
        mark,
        "document %s, %d bytes of PDF",
        document.id(),
        pdf.length);

    mark = mark();
    long count = signings.list().count();
    step(
        "signings().list(): every signing, page after page as Krebit's meta says",
        mark,
        "%d signing(s), the draft among them",
        count);
    return draft;
  }

  private KrebitClient signIn(KrebitClient asApp) throws Exception {
    section("Authorization code with PKCE: " + USER + " signs in");
    Mark mark = mark();
    AuthorizationRedirect redirect = flow.begin(CALLBACK, USER);
    URI callback = browser.consent(redirect.uri());
    step(
        "flow.begin() gives the authorize URL, with a fresh state and an S256 code challenge; the pending"
            + " sign-in is saved, encrypted, in H2. An HTTP client plays "
            + USER
            + "'s browser: "
            + USER
            + " approves, Krebit redirects to the callback with a code",
        mark,
        "%s%n   -> %s",
        masked(redirect.uri()),
        masked(callback));

    mark = mark();
    flow.complete(callback);
    TokenSet tokens = stored().tokens();
    step(
        "flow.complete(callback): the state is consumed once, the code exchanged with the PKCE verifier, and "
            + USER
            + "'s tokens stored",
        mark,
        "access token %s, refresh token %s%n   %s",
        tokens.accessToken().fingerprint(),
        refreshFingerprint(tokens),
        storedRow(tokens.accessToken()));

    KrebitClient asAlice = asApp.withTokenSource(flow.forSubject(USER));
    mark = mark();
    Me me = asAlice.me();
    step(
        "KrebitClient.withTokenSource(flow.forSubject(\"" + USER + "\")).me()",
        mark,
        "Krebit says: %s",
        describe(me));
    return asAlice;
  }

  private void refreshes() {
    section("Refresh with rotation");
    for (String when : List.of("One hour later", "Another hour later")) {
      String before = refreshFingerprint(stored().tokens());
      server.clock().advance(Duration.ofHours(1));
      Mark mark = mark();
      AccessToken token = flow.forSubject(USER).token();
      StoredTokens after = stored();
      step(
          when
              + " (the demo moves the fake's clock) the access token has expired: token() refreshes it",
          mark,
          "refresh token %s -> %s (rotated); in H2, compare-and-set took the refresh lease (version %d), then stored"
              + " the rotated tokens (version %d) before the new access token %s was handed out",
          before,
          refreshFingerprint(after.tokens()),
          after.version() - 1,
          after.version(),
          token.fingerprint());
    }
  }

  private void revokedToken(KrebitClient asAlice) {
    section("A revoked token");
    AccessToken revoked = flow.forSubject(USER).token();
    server.revoke(revoked);
    String before = refreshFingerprint(stored().tokens());
    Mark mark = mark();
    Me me = asAlice.me();
    step(
        "Krebit revokes "
            + USER
            + "'s access token "
            + revoked.fingerprint()
            + ". KrebitClient.me() gets 401,"
            + " drops that token, refreshes and sends the call once more",
        mark,
        "Krebit says: %s; refresh token %s -> %s",
        describe(me),
        before,
        refreshFingerprint(stored().tokens()));
  }

  private void typedErrors() throws Exception {
    section("Typed errors");
    server.consent().denyNext();
    Mark mark = mark();
    try {
      flow.complete(browser.consent(flow.begin(CALLBACK, USER).uri()));
      step(USER + " declines consent", mark, "unexpectedly signed in");
    } catch (AuthorizationError e) {
      step(
          USER + " declines consent: flow.complete() throws AuthorizationError",
          mark,
          "%s (isAccessDenied() = %s)",
          e.getMessage(),
          e.isAccessDenied());
    }

    TokenSource wrongSecret =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(ClientCredentials.of(CLIENT_ID, "not-the-secret"))
            .build();
    mark = mark();
    try {
      wrongSecret.token();
      step("A wrong client secret", mark, "unexpectedly accepted");
    } catch (KrebitException e) {
      step(
          "A wrong client secret: " + e.getClass().getSimpleName() + ", with the guide's hint",
          mark,
          "%s",
          e.getMessage());
    }
  }

  private void webhooks(Signing draft) throws Exception {
    section("Webhooks: Krebit tells the app that its signing was sent");
    try (WebhookDemo webhooks = WebhookDemo.start(server, CLIENT_ID)) {
      Mark mark = mark();
      WebhookDemo.Delivered sent = webhooks.send(draft.id());
      VerifiedDelivery delivery = sent.delivery();
      RecordedDelivery attempt = sent.attempt();
      print(
          "The quickstart's draft is sent (by the fake's test control: no saved Krebit page shows the send"
              + " endpoint). The fake Krebit raises signing.sent, signs it (HMAC-SHA256 of the raw body with the"
              + " webhook's secret, in X-Signature, the client id in X-Client-Id) and POSTs it to a WebhookReceiver"
              + " in this process, behind the JDK's HTTP server",
          mark,
          String.format(
              "verified: %s, event %s, signing %s, client %s, secret %s",
              delivery.event().getClass().getSimpleName(),
              delivery.event().eventId().orElse("-"),
              delivery.event().signingId().orElse("-"),
              delivery.clientId().orElse("-"),
              delivery.secretFingerprint()),
          String.format(
              "delivery POST %s %s (attempt %d)",
              attempt.url().getRawPath(),
              attempt.status().isPresent()
                  ? attempt.status().getAsInt()
                  : attempt.failure().orElse("no answer"),
              attempt.attempt()));

      mark = mark();
      WebhookDemo.Refused tampered = webhooks.tampered(sent.event());
      print(
          "The same delivery with one byte of its body changed, under the original signature",
          mark,
          String.format(
              "refused: %s, %s",
              tampered.rejection().getClass().getSimpleName(), tampered.rejection().reason()),
          String.format("POST %s %d", webhooks.url().getRawPath(), tampered.status()));
    }
  }

  private StoredTokens stored() {
    return store.load(alice).orElseThrow();
  }

  /** The row as H2 holds it: proof that what is stored is ciphertext. */
  private String storedRow(AccessToken access) throws SQLException {
    try (Connection connection = h2.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT version, key_id, token_record FROM krebit_tokens WHERE subject = ?")) {
      query.setString(1, USER);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        byte[] record = row.getBytes("token_record");
        boolean clear = new String(record, StandardCharsets.ISO_8859_1).contains(access.value());
        return String.format(
            "H2 table krebit_tokens: version %d, Tink key %s, %d bytes of AES-256-GCM ciphertext%s",
            row.getLong("version"),
            row.getString("key_id"),
            record.length,
            clear ? " CONTAINING THE TOKEN IN CLEAR" : " (the token is not in it in clear)");
      }
    }
  }

  private static String refreshFingerprint(TokenSet tokens) {
    return tokens.refreshToken().map(RefreshToken::fingerprint).orElse("(none)");
  }

  private static String describe(Me me) {
    return me.id()
        + " ("
        + me.name().orElse("no name")
        + me.email().map(email -> ", " + email).orElse("")
        + ") of "
        + me.organization().flatMap(Me.Organization::name).orElse("no organization")
        + ", roles "
        + me.roles();
  }

  /** The URI with the values of code, state and code_challenge left out. */
  private static String masked(URI uri) {
    String query =
        uri.getRawQuery() == null
            ? ""
            : uri.getRawQuery().replaceAll("(^|&)(code|state|code_challenge)=[^&]*", "$1$2=…");
    return uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + uri.getRawPath()
        + (query.isEmpty() ? "" : "?" + query);
  }

  private void section(String title) {
    out.printf("%n%s%n", title);
  }

  private void step(String title, Mark mark, String format, Object... args) {
    print(title, mark, String.format(format, args), requests(mark));
  }

  /** A step, what came of it, and the requests (or deliveries) it took. */
  private void print(String title, Mark mark, String outcome, String requests) {
    long millis = (System.nanoTime() - mark.nanos) / 1_000_000;
    out.printf("%d. %s%n   %s%n   %s; %d ms%n", ++step, title, outcome, requests, millis);
    out.flush();
  }

  /**
   * The requests the fake answered since {@code mark}, in order, each with its status and
   * request_id.
   */
  private String requests(Mark mark) {
    List<RecordedRequest> all = server.journal().requests();
    Map<String, String> grants = new HashMap<>();
    server
        .journal()
        .tokenRequests()
        .forEach(t -> t.grantType().ifPresent(g -> grants.put(t.requestId(), g)));
    List<String> requests = new ArrayList<>();
    for (RecordedRequest request : all.subList(Math.min(mark.requests, all.size()), all.size())) {
      String grant = grants.get(request.requestId());
      requests.add(
          request.method()
              + " "
              + request.path()
              + (grant == null ? "" : " " + grant)
              + " "
              + (request.status().isPresent()
                  ? String.valueOf(request.status().getAsInt())
                  : "no response")
              + " request_id "
              + request.requestId());
    }
    return requests.isEmpty() ? "no request" : String.join("; ", requests);
  }

  private Mark mark() {
    return new Mark(server.journal().requests().size(), System.nanoTime());
  }

  /** How many requests the fake had answered, and the time, when a step began. */
  private record Mark(int requests, long nanos) {}

  @Override
  public void close() throws SQLException {
    try (Connection connection = h2.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } finally {
      server.close();
    }
  }
}
