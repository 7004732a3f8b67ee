package se.krebit.testkit.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.Fingerprint;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.internal.FaultPlan;
import se.krebit.testkit.internal.FaultResponses;
import se.krebit.testkit.internal.GlobalResponder;
import se.krebit.testkit.internal.Json;
import se.krebit.testkit.vault.VaultRoutes.Call;

/**
 * The one WireMock extension of the fake Vault: it sees every request, plays a scripted fault if
 * one is due, answers {@code sys/health} in any state, 503 while sealed and 307 to the active node
 * while a standby, otherwise lets {@link VaultRoutes} answer, adds scripted warnings, and journals
 * the request. Logs one line per request with the path, the status and the request id, never a
 * token.
 */
final class VaultResponder extends GlobalResponder {
  static final String NAME = "fake-vault";
  private static final Logger LOG = LoggerFactory.getLogger(FakeVaultServer.class);
  private static final String PREFIX = "/v1/";
  private static final List<String> QUERY_PARAMETERS =
      List.of("version", "standbyok", "perfstandbyok", "activecode", "standbycode", "sealedcode");

  private final VaultRoutes routes;
  private final VaultHealth health;
  private final FaultPlan faults;
  private final VaultRequestJournal journal;
  private final Clock clock;
  private final VaultModes modes;
  private final VaultFlavour flavour;

  VaultResponder(
      VaultRoutes routes,
      VaultHealth health,
      FaultPlan faults,
      VaultRequestJournal journal,
      Clock clock,
      VaultModes modes,
      VaultFlavour flavour) {
    super(NAME);
    this.routes = routes;
    this.health = health;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
    this.modes = modes;
    this.flavour = flavour;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String requestId = UUID.randomUUID().toString();
    Instant at = clock.instant();
    String url = request.getUrl();
    String rawPath = FaultResponses.path(url);
    String path = rawPath.startsWith(PREFIX) ? decode(rawPath.substring(PREFIX.length())) : rawPath;
    String method = method(request);
    @Nullable String token = header(request, "X-Vault-Token");
    Optional<InjectedFault> fault = rawPath.startsWith(PREFIX) ? faults.next() : Optional.empty();
    Optional<ResponseDefinition> replacement =
        fault.flatMap(f -> FaultResponses.replacement(f, VaultResponder::injectedError));
    ResponseDefinition response =
        replacement.orElseGet(() -> answer(request, method, url, rawPath, path, token, requestId));
    OptionalInt status = FaultResponses.status(response);
    journal.record(
        new RecordedVaultRequest(
            requestId,
            at,
            method,
            path,
            status,
            Optional.ofNullable(token).map(Fingerprint::of),
            fault));
    LOG.info(
        "{} /v1/{} -> {}{} request_id={}",
        method,
        printable(path),
        status.isPresent() ? String.valueOf(status.getAsInt()) : "connection reset",
        fault.map(f -> " (injected " + f + ")").orElse(""),
        requestId);
    return FaultResponses.delayed(response, fault);
  }

  /** An injected HTTP error has Vault's {@code {"errors":[...]}} body. */
  private static ResponseDefinition injectedError(int status) {
    return VaultReplies.json(
        status, Map.of("errors", List.of("HTTP " + status + " injected by the fake Vault")));
  }

  private ResponseDefinition answer(
      Request request,
      String method,
      String url,
      String rawPath,
      String path,
      @Nullable String token,
      String requestId) {
    try {
      if (!rawPath.startsWith(PREFIX)) {
        throw VaultError.noRoute(rawPath);
      }
      Map<String, String> query = query(request);
      if (path.equals("sys/health") && method.equals("GET")) {
        return VaultReplies.json(health.status(query), health.body());
      }
      if (modes.sealed()) {
        throw VaultError.of(503, VaultError.SEALED);
      }
      Optional<URI> activeNode = modes.activeNode();
      if (activeNode.isPresent()) {
        // A standby with request forwarding off (respondStandby): 307, the path and query kept, no
        // body.
        return ResponseDefinitionBuilder.responseDefinition()
            .withStatus(307)
            .withHeader("Location", activeNode.get().resolve(url).toString())
            .build();
      }
      Map<String, Object> body =
          Json.parseObject(new String(request.getBody(), UTF_8))
              .orElseThrow(
                  () -> VaultError.badRequest("failed to parse JSON input: invalid character"));
      Call call = new Call(method, path, query, token, body);
      if (path.equals("sys/wrapping/unwrap")) {
        return VaultReplies.json(200, routes.unwrap(call));
      }
      return VaultReplies.render(
          routes.serve(call).withWarnings(modes.warningsFor(path)), requestId, flavour);
    } catch (VaultError e) {
      return VaultReplies.error(e);
    }
  }

  private static String method(Request request) {
    String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
    QueryParameter list = request.queryParameter("list");
    return method.equals("GET") && list.isPresent() && list.firstValue().equals("true")
        ? "LIST"
        : method;
  }

  private static Map<String, String> query(Request request) {
    Map<String, String> query = new HashMap<>();
    for (String name : QUERY_PARAMETERS) {
      QueryParameter parameter = request.queryParameter(name);
      if (parameter.isPresent()) {
        query.put(name, parameter.firstValue());
      }
    }
    return query;
  }

  private static @Nullable String header(Request request, String name) {
    HttpHeader header = request.getHeaders().getHeader(name);
    return header.isPresent() ? header.firstValue() : null;
  }

  private static String decode(String path) {
    return java.net.URLDecoder.decode(path.replace("+", "%2B"), UTF_8);
  }

  private static String printable(String value) {
    return value
        .codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
