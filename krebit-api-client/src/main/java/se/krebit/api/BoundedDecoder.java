package se.krebit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.Decoder;
import feign.codec.DefaultDecoder;
import feign.jackson.JacksonDecoder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import se.krebit.http.ResponseBodies;
import se.krebit.http.ResponseHeaders;
import se.krebit.http.TransportFailures;
import se.krebit.http.UnusableResponse;

/**
 * Decodes 2xx bodies: reads at most the size cap, then hands {@code String} and {@code byte[]}
 * return types to Feign's plain decoder and everything else to Jackson. A body that is too large,
 * not JSON or not the JSON the method returns becomes a {@link KrebitUnexpectedResponseException};
 * a connection lost while reading becomes a {@link KrebitApiUnavailableException}. Neither quotes
 * the body. Thread-safe.
 */
final class BoundedDecoder implements Decoder {
  private static final int NO_CONTENT = 204;

  private final ObjectMapper mapper;
  private final Decoder json;
  private final Decoder raw = new DefaultDecoder();
  private final ResponseBodies bodies;

  BoundedDecoder(ObjectMapper mapper, int maxResponseBytes) {
    this.mapper = mapper;
    this.json = new JacksonDecoder(mapper);
    this.bodies = new ResponseBodies(maxResponseBytes);
  }

  @Override
  public Object decode(Response response, Type type) {
    boolean isRaw = type == String.class || type == byte[].class;
    if (response.status() == NO_CONTENT || response.body() == null) {
      if (type instanceof Class<?> resource && ApiResource.class.isAssignableFrom(resource)) {
        throw unusable(response, "the body is empty, where the method returns a resource");
      }
      return decode(isRaw ? raw : json, response, type); // Feign's empty value for the type
    }
    byte[] body;
    try {
      body = isRaw ? bodies.read(response) : bodies.readJson(response);
    } catch (UnusableResponse e) {
      throw unusable(response, e.reason());
    } catch (IOException e) {
      throw new KrebitApiUnavailableException(
          response.request().httpMethod().name(),
          ApiFailure.pathOf(response.request().url()),
          "reading the body failed: " + TransportFailures.describe(e),
          e);
    }
    if (!isRaw && StandardCharsets.UTF_8.equals(response.charset())) {
      return json(response, body, type);
    }
    return decode(isRaw ? raw : json, response.toBuilder().body(body).build(), type);
  }

  /**
   * A UTF-8 body (JSON's encoding, and Feign's default when the content type names no charset)
   * parsed from the bytes already read: Feign's Jackson decoder would wrap them in a reader (an 8
   * KiB buffer per call) and decode them to characters before parsing. Bodies in another declared
   * charset still go through it.
   */
  private Object json(Response response, byte[] body, Type type) {
    try {
      return mapper.readValue(body, mapper.constructType(type));
    } catch (IOException | RuntimeException e) {
      throw unusable(response, reason(e, type));
    }
  }

  private Object decode(Decoder decoder, Response response, Type type) {
    try {
      return decoder.decode(response, type);
    } catch (IOException | RuntimeException e) {
      throw unusable(response, reason(e, type));
    }
  }

  /**
   * Why the body did not decode: the reason of our own check (which names a member, never a value)
   * when one failed, else only the type, since Jackson's messages quote the offending input.
   */
  private static String reason(Exception failure, Type type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnusableResponse unusable) {
        return unusable.reason();
      }
    }
    return "the body is not the JSON expected for " + simpleName(type);
  }

  private static KrebitUnexpectedResponseException unusable(Response response, String reason) {
    ApiFailure failure =
        new ApiFailure(
            response.request().httpMethod().name(),
            ApiFailure.pathOf(response.request().url()),
            response.status(),
            ResponseHeaders.requestId(response).orElse(null),
            null,
            null,
            null,
            Map.of());
    return new KrebitUnexpectedResponseException(failure, "the body is unusable: " + reason);
  }

  /** {@code java.util.List<com.acme.Document>} as {@code List<Document>}. */
  private static String simpleName(Type type) {
    return ResponseHeaders.printable(type.getTypeName().replaceAll("[\\w$]+\\.", ""));
  }
}
