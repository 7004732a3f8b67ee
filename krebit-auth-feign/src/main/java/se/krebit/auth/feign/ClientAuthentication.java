package se.krebit.auth.feign;

/**
 * How a token request proves which client sends it (RFC 6749 §2.3.1), whatever its {@link
 * RequestFormat}.
 */
public enum ClientAuthentication {
  /**
   * {@code client_id} and {@code client_secret} in the body, as the Krebit guide shows ({@code
   * client_secret_post} in OAuth terms). The default.
   */
  BODY,

  /**
   * {@code Authorization: Basic} with the client id and secret, each form-encoded first (RFC 6749
   * §2.3.1, Appendix B), and neither in the body ({@code client_secret_basic}): what standard
   * authorization servers must support.
   */
  BASIC
}
