package se.krebit.auth.feign;

import feign.Headers;
import feign.RequestLine;
import feign.Response;

/**
 * The token endpoint as a Feign target. It returns the raw {@link Response}, so Feign neither
 * decodes nor maps errors: {@link TokenResponseReader} reads every status itself, with its size
 * cap.
 */
@Headers({"Accept: application/json", "User-Agent: krebit-auth-java"})
interface TokenApi {
  /** {@code POST} the encoded request to the target URL, the token endpoint itself. */
  @RequestLine("POST")
  Response exchange(TokenRequest request);
}
