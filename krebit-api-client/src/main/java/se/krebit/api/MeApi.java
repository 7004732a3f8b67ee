package se.krebit.api;

import feign.RequestLine;

/** {@code /api/1.0/me} as a Feign target; paths are relative to the API root. */
interface MeApi {
  @RequestLine("GET /me")
  MeResponse me();
}
