package se.krebit.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.krebit.auth.AuthorizationCallbackException.ExpiredState;
import se.krebit.auth.AuthorizationCallbackException.MalformedCallback;
import se.krebit.auth.AuthorizationCallbackException.MissingCode;
import se.krebit.auth.AuthorizationCallbackException.RedirectUriMismatch;
import se.krebit.auth.AuthorizationCallbackException.ReusedState;
import se.krebit.auth.AuthorizationCallbackException.UnknownState;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;

/**
 * Reads an authorization callback strictly, in the order that keeps it safe: the shape first, then
 * the {@code state} (consumed once, so no callback is good twice), then the redirect URI, then what
 * Krebit answered. Protocol parsing is Nimbus's; the strictness on top is ours.
 */
final class CallbackReader {
  private static final int MAX_PARAMETER_LENGTH = 2048;
  private static final List<String> SINGLE_VALUED =
      List.of("state", "code", "error", "error_description");

  /** A callback whose shape has been checked; nothing in it is trusted yet. */
  record Callback(URI uri, String state) {}

  Callback read(URI callbackUri) {
    if (callbackUri.getRawFragment() != null) {
      throw new MalformedCallback("it carries a fragment; Krebit answers in the query");
    }
    Map<String, List<String>> parameters = URLUtils.parseParameters(callbackUri.getRawQuery());
    for (String name : SINGLE_VALUED) {
      List<String> values = parameters.getOrDefault(name, List.of());
      if (values.size() > 1) {
        throw new MalformedCallback("parameter " + name + " appears " + values.size() + " times");
      }
      if (!values.isEmpty() && values.get(0).length() > MAX_PARAMETER_LENGTH) {
        throw new MalformedCallback(
            "parameter " + name + " is longer than " + MAX_PARAMETER_LENGTH + " characters");
      }
    }
    String state = parameters.getOrDefault("state", List.of()).stream().findFirst().orElse("");
    if (state.isEmpty()) {
      throw new MalformedCallback("it carries no state");
    }
    return new Callback(callbackUri, state);
  }

  /** Consumes the callback's state and checks it came back where the sign-in said it would. */
  PendingAuthorization consume(StateRepository states, Callback callback, URI callbackUri) {
    StateConsumption consumption = states.consume(callback.state());
    PendingAuthorization pending;
    if (consumption instanceof StateConsumption.Consumed consumed) {
      pending = consumed.pending();
    } else if (consumption instanceof StateConsumption.Expired) {
      throw new ExpiredState();
    } else if (consumption instanceof StateConsumption.AlreadyConsumed) {
      throw new ReusedState();
    } else {
      throw new UnknownState();
    }
    if (!sameEndpoint(callbackUri, pending.redirectUri())) {
      throw new RedirectUriMismatch();
    }
    return pending;
  }

  /** The code, once the state checked out; Krebit's error if it sent one instead. */
  String codeOf(Callback callback) {
    AuthorizationResponse response;
    try {
      response = AuthorizationResponse.parse(callback.uri());
    } catch (ParseException | IllegalArgumentException e) {
      // Nimbus refuses an empty code ("?code&state=…") with IllegalArgumentException
      throw new MissingCode();
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      throw AuthorizationCallbackException.error(
          error.getCode() == null ? "unknown_error" : error.getCode(), error.getDescription());
    }
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    return Optional.ofNullable(code)
        .map(AuthorizationCode::getValue)
        .filter(v -> !v.isEmpty())
        .orElseThrow(MissingCode::new);
  }

  private static boolean sameEndpoint(URI callback, URI registered) {
    return lower(callback.getScheme()).equals(lower(registered.getScheme()))
        && lower(callback.getHost()).equals(lower(registered.getHost()))
        && port(callback) == port(registered)
        && pathOf(callback).equals(pathOf(registered));
  }

  private static String pathOf(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(lower(uri.getScheme())) ? 443 : 80;
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
