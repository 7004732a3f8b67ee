package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;

/**
 * The token endpoint's answer to one request, with what the journal and the log need to know.
 *
 * @param request the request as parsed, if it could be
 * @param error the OAuth error answered, if any
 * @param token the access token issued, if any
 */
record TokenExchange(
    ResponseDefinition response,
    Optional<TokenRequestParams> request,
    Optional<String> error,
    Optional<IssuedToken> token) {}
