package se.krebit.api;

import com.fasterxml.jackson.databind.ObjectReader;
import java.net.URI;

/**
 * One {@code GET} of a JSON resource, prepared once: its absolute URI (resolved against the API
 * root when the client is built, never parsed again per call), the path its errors name, and the
 * Jackson reader that binds its body straight from the bytes received. Immutable; {@link #attempt}
 * sends it through the {@link DirectCalls} it belongs to.
 *
 * @param <T> the wire type the body binds to
 */
final class JsonGet<T> implements ApiCalls.Attempt<T> {
  private final DirectCalls calls;
  private final URI uri;
  private final String url;
  private final String path;
  private final Class<T> type;
  private final ObjectReader reader;
  private final String operation;

  JsonGet(DirectCalls calls, URI uri, Class<T> type, String operation) {
    this(calls, uri, type, ApiJson.MAPPER.readerFor(type), operation);
  }

  /** The same resource type at another URI, sharing the prepared reader. */
  JsonGet<T> at(URI other) {
    return new JsonGet<>(calls, other, type, reader, operation);
  }

  private JsonGet(
      DirectCalls calls, URI uri, Class<T> type, ObjectReader reader, String operation) {
    this.calls = calls;
    this.uri = uri;
    this.url = uri.toString();
    this.path = ApiFailure.pathOf(url);
    this.type = type;
    this.reader = reader;
    this.operation = operation;
  }

  @Override
  public T attempt() {
    return calls.attempt(this);
  }

  URI uri() {
    return uri;
  }

  String url() {
    return url;
  }

  String path() {
    return path;
  }

  Class<T> type() {
    return type;
  }

  /** The call's name for listeners. */
  String operation() {
    return operation;
  }

  ObjectReader reader() {
    return reader;
  }
}
