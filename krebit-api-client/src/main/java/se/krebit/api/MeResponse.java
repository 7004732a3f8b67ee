package se.krebit.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The wire form of {@code GET /api/1.0/me}: the users guide's {@code {"data": {"id", "name",
 * "email", "organization": {"id", "name"}}}}, or the same object bare. Unknown members are ignored;
 * a body without an id is unusable, which the decoder reports with the response's {@code
 * request_id}. Bound by {@link MeDeserializer}, from the parser's tokens (no tree per call).
 */
@JsonDeserialize(using = MeDeserializer.class)
record MeResponse(Me me) {}
