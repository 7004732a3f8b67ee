package se.krebit.http.okhttp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import se.krebit.http.HttpTransport;

/**
 * Turns {@link HttpTransport.Request}s into OkHttp's, remembering the URL and the headers last
 * converted: a client sends the same prepared URI and the same header map (per token) call after
 * call, so neither is parsed or validated again while they stay the same objects. Headers the
 * transport sets itself are dropped, as the JDK transport ignores them. Thread-safe.
 */
final class OkHttpRequests {
  private static final Set<String> IGNORED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private volatile @Nullable Url lastUrl;
  private volatile @Nullable Fields lastFields;

  private record Url(URI uri, HttpUrl url) {}

  /** OkHttp's headers of one header map; its values may hold a bearer token, so no toString. */
  private record Fields(
      Map<String, List<String>> map, Headers headers, @Nullable String contentType) {
    @Override
    public String toString() {
      return "Fields[" + headers.size() + " headers]";
    }
  }

  Request toOkHttp(HttpTransport.Request request) {
    Fields fields = fields(request.headers());
    RequestBody body = null;
    if (request.body().isPresent()) {
      body =
          RequestBody.create(
              request.body().get(),
              fields.contentType() == null ? null : MediaType.parse(fields.contentType()));
    }
    return new Request.Builder()
        .url(url(request.uri()))
        .headers(fields.headers())
        .method(request.method(), body)
        .build();
  }

  private HttpUrl url(URI uri) {
    Url last = lastUrl;
    if (last == null || last.uri() != uri) { // identity: the same prepared URI is parsed once
      last = new Url(uri, HttpUrl.get(uri.toString()));
      lastUrl = last;
    }
    return last.url();
  }

  private Fields fields(Map<String, List<String>> map) {
    Fields last = lastFields;
    if (last == null || last.map() != map) {
      last = convert(map);
      lastFields = last;
    }
    return last;
  }

  private static Fields convert(Map<String, List<String>> map) {
    Headers.Builder headers = new Headers.Builder();
    String contentType = null;
    for (Map.Entry<String, List<String>> header : map.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (IGNORED.contains(name)) {
        continue;
      }
      for (String value : header.getValue()) {
        headers.add(header.getKey(), value);
        if (name.equals("content-type")) {
          contentType = value;
        }
      }
    }
    return new Fields(map, headers.build(), contentType);
  }
}
