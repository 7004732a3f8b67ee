package se.krebit.auth.feign;

/**
 * How a token request puts its parameters on the wire. Where the client credentials go is {@link
 * ClientAuthentication}'s choice: in the body next to the grant's fields by default.
 */
public enum RequestFormat {
  /**
   * A JSON object, {@code Content-Type: application/json}, exactly as the Krebit authentication
   * guide shows. The default.
   */
  JSON,

  /**
   * RFC 6749 {@code application/x-www-form-urlencoded} parameters, for standard OAuth 2.0
   * authorization servers.
   */
  FORM
}
