package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.internal.FaultPlan;
import se.krebit.testkit.internal.FaultResponses;

/**
 * Serves the token endpoint ({@code /oauth/token} unless configured otherwise): the scripted fault
 * if there is one, else the token endpoint; journals both.
 */
final class TokenRoute {
  static final String PATH = "/oauth/token";
  private static final Logger LOG = LoggerFactory.getLogger(FakeKrebitServer.class);

  private final TokenEndpointHandler endpoint;
  private final FaultPlan faults;
  private final RequestJournal journal;
  private final Clock clock;

  TokenRoute(TokenEndpointHandler endpoint, FaultPlan faults, RequestJournal journal, Clock clock) {
    this.endpoint = endpoint;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
  }

  ResponseDefinition serve(Request request, String path, String requestId) {
    Instant at = clock.instant();
    Optional<InjectedFault> fault = faults.next();
    Optional<ResponseDefinition> replacement = fault.flatMap(Responses::replacing);
    if (replacement.isPresent()) {
      Optional<TokenRequestParams> params = TokenRequestParser.tryParse(request);
      record(
          requestId,
          at,
          path,
          request,
          new TokenExchange(
              replacement.get(),
              params,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()),
          fault);
      return replacement.get();
    }
    TokenExchange exchange = endpoint.handle(request);
    record(requestId, at, path, request, exchange, fault);
    return FaultResponses.delayed(exchange.response(), fault);
  }

  private void record(
      String requestId,
      Instant at,
      String path,
      Request request,
      TokenExchange exchange,
      Optional<InjectedFault> fault) {
    Optional<TokenRequestParams> params = exchange.request();
    Optional<String> token = exchange.token().map(IssuedToken::fingerprint);
    RecordedTokenRequest entry =
        new RecordedTokenRequest(
            requestId,
            at,
            params.flatMap(TokenRequestParams::grantType),
            params.flatMap(TokenRequestParams::claimedClientId),
            TokenRequestParser.mediaType(request.contentTypeHeader()),
            FaultResponses.status(exchange.response()),
            exchange.error(),
            token,
            fault,
            exchange.subject().map(UserPrincipal::userId),
            exchange.subject().map(UserPrincipal::familyId),
            exchange.refreshTokenFingerprint());
    journal.record(entry);
    LOG.info(
        "POST {} grant_type={} client={} -> {}{}{}{}{}{}{} request_id={}",
        path,
        entry.grantType().map(TokenRoute::printable).orElse("-"),
        entry.clientId().map(TokenRoute::printable).orElse("-"),
        entry.status().isPresent() ? String.valueOf(entry.status().getAsInt()) : "no response",
        exchange.error().map(e -> " " + e).orElse(""),
        entry.userId().map(u -> " user=" + printable(u)).orElse(""),
        entry.familyId().map(f -> " family=" + f).orElse(""),
        token.map(t -> " token=" + t).orElse(""),
        entry.issuedRefreshTokenFingerprint().map(t -> " refresh_token=" + t).orElse(""),
        fault.map(f -> " (injected " + f + ")").orElse(""),
        requestId);
  }

  /** What a client sent, made safe for one log line: no line breaks or other controls. */
  static String printable(String value) {
    return value
        .codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
