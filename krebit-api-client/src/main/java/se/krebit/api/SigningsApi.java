package se.krebit.api;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;

/**
 * The signing endpoints Krebit's pages show, as a Feign target; paths are relative to the API root.
 * {@code GET /signings/{id}} is on no saved page: it is the REST convention of the documented
 * collection, and so an assumption. Uploads are streamed and go around Feign ({@link
 * DocumentUploads}).
 */
interface SigningsApi {
  /** The quickstart's step 2. */
  @RequestLine("POST /signings")
  @Headers("Content-Type: application/json")
  SigningResponse create(Map<String, String> draft);

  /** The reference's example operation; {@code page} is Laravel's page parameter, assumed. */
  @RequestLine("GET /signings?page={page}")
  SigningPageResponse page(@Param("page") int page);

  /** Assumed: the REST convention of the collection above. */
  @RequestLine("GET /signings/{id}")
  SigningResponse get(@Param("id") String id);
}
