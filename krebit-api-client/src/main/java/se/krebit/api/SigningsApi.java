package se.krebit.api;

import feign.Headers;
import feign.RequestLine;
import java.util.Map;

/**
 * The signing endpoint sent through Feign, a JSON {@code POST}; the path is relative to the API
 * root. The {@code GET}s go around Feign ({@link DirectCalls}), uploads are streamed ({@link
 * DocumentUploads}).
 */
interface SigningsApi {
  /** The quickstart's step 2. */
  @RequestLine("POST /signings")
  @Headers("Content-Type: application/json")
  SigningResponse create(Map<String, String> draft);
}
