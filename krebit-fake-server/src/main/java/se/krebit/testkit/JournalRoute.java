package se.krebit.testkit;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.internal.Json;

/**
 * The {@link RequestJournal} over HTTP, for a client in another process or language: {@code GET
 * /__admin/krebit/journal} answers it as JSON, entries named as the journal's records name their
 * components. An admin route, so it answers only behind the admin token ({@link AdminAccess}).
 * Holds what the journal holds: fingerprints, never a token, code or secret.
 */
final class JournalRoute implements AdminApiExtension {
  /** Where it is served, under WireMock's {@code /__admin}. */
  static final String PATH = "/krebit/journal";

  private final RequestJournal journal;

  JournalRoute(RequestJournal journal) {
    this.journal = journal;
  }

  @Override
  public String getName() {
    return "krebit-journal";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.GET, PATH, (admin, serveEvent, pathParams) -> serve());
  }

  private ResponseDefinition serve() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("totalTokenRequests", journal.totalTokenRequestCount());
    body.put("totalApiRequests", journal.totalApiRequestCount());
    body.put("refreshRedemptions", journal.refreshRedemptions());
    body.put("tokenRequests", journal.tokenRequests().stream().map(JournalRoute::token).toList());
    body.put(
        "authorizeRequests",
        journal.authorizeRequests().stream().map(JournalRoute::authorize).toList());
    body.put("apiRequests", journal.apiRequests().stream().map(JournalRoute::api).toList());
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", Responses.JSON)
        .withHeader("Cache-Control", "no-store")
        .withBody(Json.write(body))
        .build();
  }

  private static Map<String, Object> token(RecordedTokenRequest r) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("requestId", r.requestId());
    entry.put("at", r.at().toString());
    entry.put("grantType", r.grantType().orElse(null));
    entry.put("clientId", r.clientId().orElse(null));
    entry.put("contentType", r.contentType().orElse(null));
    entry.put("status", status(r.status()));
    entry.put("error", r.error().orElse(null));
    entry.put("issuedTokenFingerprint", r.issuedTokenFingerprint().orElse(null));
    entry.put("fault", fault(r.fault()));
    entry.put("userId", r.userId().orElse(null));
    entry.put("familyId", r.familyId().orElse(null));
    entry.put("issuedRefreshTokenFingerprint", r.issuedRefreshTokenFingerprint().orElse(null));
    entry.put("refreshRedemption", r.isRefreshRedemption());
    return entry;
  }

  private static Map<String, Object> authorize(RecordedAuthorizeRequest r) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("requestId", r.requestId());
    entry.put("at", r.at().toString());
    entry.put("path", r.path());
    entry.put("clientId", r.clientId().orElse(null));
    entry.put("redirectUri", r.redirectUri().orElse(null));
    entry.put("statePresent", r.statePresent());
    entry.put("codeChallengeMethod", r.codeChallengeMethod().orElse(null));
    entry.put("scope", r.scope().orElse(null));
    entry.put("status", r.status());
    entry.put("outcome", r.outcome().name());
    entry.put("error", r.error().orElse(null));
    entry.put("userId", r.userId().orElse(null));
    entry.put("codeFingerprint", r.codeFingerprint().orElse(null));
    return entry;
  }

  private static Map<String, Object> api(RecordedApiRequest r) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("requestId", r.requestId());
    entry.put("at", r.at().toString());
    entry.put("method", r.method());
    entry.put("path", r.path());
    entry.put("status", status(r.status()));
    entry.put("tokenFingerprint", r.tokenFingerprint().orElse(null));
    entry.put("clientId", r.clientId().orElse(null));
    entry.put("fault", fault(r.fault()));
    return entry;
  }

  private static @Nullable Object status(OptionalInt status) {
    return status.isPresent() ? (Object) status.getAsInt() : null;
  }

  private static @Nullable Object fault(Optional<InjectedFault> fault) {
    return fault.map(Object::toString).orElse(null);
  }
}
