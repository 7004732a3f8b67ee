package se.krebit.http.okhttp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One request and its whole response on OkHttp, within one deadline for everything (connect, send,
 * headers, body), and never more than {@code maxBodyBytes + 1} body bytes read: a longer body is cut
 * there and its connection closed, and the exchange says so instead of returning a truncated body as
 * whole. Failures leave as {@link OkHttpFailures#safe} makes them. Stateless.
 */
final class BoundedExchange {
  private BoundedExchange() {}

  /** What came back: the status, the headers, the body read whole or cut at the cap. */
  record Received(int status, Headers headers, byte[] body, boolean tooLarge) {}

  static Received send(OkHttpClient client, String method, URI uri, Map<String, List<String>> headers,
      byte @Nullable [] body, int maxBodyBytes, Duration deadline) throws IOException {
    Request.Builder request = new Request.Builder().url(uri.toString());
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        request.addHeader(header.getKey(), value);
      }
    }
    RequestBody requestBody = null;
    if (body != null) {
      String type = request.build().header("Content-Type");
      requestBody = RequestBody.create(body, type == null ? null : MediaType.parse(type));
    }
    request.method(method, requestBody);
    Call call = client.newCall(request.build());
    call.timeout().timeout(deadline.toNanos(), TimeUnit.NANOSECONDS);
    boolean[] connected = {false};
    try (Response response = call.execute()) {
      connected[0] = true;
      BufferedSource source = response.body().source();
      long limit = (long) maxBodyBytes + 1;
      source.request(limit);
      long available = Math.min(source.getBuffer().size(), limit);
      byte[] bytes = source.readByteArray(available);
      if (bytes.length > maxBodyBytes) {
        // Unread bytes stay on the wire: the connection must not be reused.
        call.cancel();
        return new Received(response.code(), response.headers(), java.util.Arrays.copyOf(bytes, maxBodyBytes), true);
      }
      return new Received(response.code(), response.headers(), bytes, false);
    } catch (IOException e) {
      throw OkHttpFailures.safe(e, !connected[0] && isConnectPhase(e));
    }
  }

  private static boolean isConnectPhase(IOException e) {
    String message = e.getMessage();
    return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("connect");
  }
}
