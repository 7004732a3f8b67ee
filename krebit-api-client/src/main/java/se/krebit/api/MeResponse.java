package se.krebit.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of {@code GET /api/1.0/me}. Unknown members are ignored; a missing {@code id} or
 * {@code type} makes the body unusable, which the decoder reports with the response's {@code
 * request_id}.
 */
record MeResponse(
    @JsonProperty("id") @Nullable String id,
    @JsonProperty("type") @Nullable String type,
    @JsonProperty("client_id") @Nullable String clientId,
    @JsonProperty("roles") @Nullable List<String> roles) {
  MeResponse {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id is missing");
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("type is missing");
    }
    if (roles != null && roles.stream().anyMatch(role -> role == null)) {
      throw new IllegalArgumentException("roles holds a null");
    }
  }

  Me toMe() {
    return new Me(id, type, Optional.ofNullable(clientId), roles == null ? List.of() : roles);
  }
}
