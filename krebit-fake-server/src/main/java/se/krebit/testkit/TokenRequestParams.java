package se.krebit.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * A token request as parsed, whichever body format it came in. {@code toString()} shows parameter
 * names only, as values include secrets.
 *
 * @param contentType the media type of the body, lower case, without parameters
 * @param parameters the body's parameters; values never empty (RFC 6749 §3.2: empty means omitted)
 * @param basic the credentials of an {@code Authorization: Basic} header, if one was sent
 */
record TokenRequestParams(
    String contentType, Map<String, String> parameters, Optional<BasicCredentials> basic) {
  Optional<String> get(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  Optional<String> grantType() {
    return get("grant_type");
  }

  /** The client the request claims to come from, authenticated or not. */
  Optional<String> claimedClientId() {
    return basic.map(BasicCredentials::clientId).or(() -> get("client_id"));
  }

  @Override
  public String toString() {
    return "TokenRequestParams["
        + contentType
        + ", "
        + parameters.keySet()
        + ", basic="
        + basic.isPresent()
        + "]";
  }

  /** HTTP Basic client credentials (RFC 6749 §2.3.1); {@code toString()} redacts the secret. */
  record BasicCredentials(String clientId, String secret) {
    @Override
    public String toString() {
      return "BasicCredentials[" + clientId + ", secret=redacted]";
    }
  }
}
