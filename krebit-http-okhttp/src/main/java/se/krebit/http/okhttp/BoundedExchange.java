package se.krebit.http.okhttp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.BufferedSource;
import se.krebit.http.HttpTransport;

/**
 * One {@link HttpTransport.Request} and its whole response on OkHttp, as {@link HttpTransport}'s
 * contract says: one deadline for everything ({@code Call.timeout()}: connect, send, headers,
 * body), never more than the cap plus one body byte read (a longer body is cut there and its call
 * cancelled, so the connection is not pooled), failures before the headers thrown and after them
 * returned as the body's failure, each as {@link OkHttpFailures#safe} makes it. Stateless.
 */
final class BoundedExchange {
  private BoundedExchange() {}

  static HttpTransport.Response send(
      OkHttpClient client, OkHttpRequests requests, HttpTransport.Request request, int maxBodyBytes)
      throws IOException {
    Call call = client.newCall(requests.toOkHttp(request));
    call.timeout().timeout(request.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw OkHttpFailures.safe(e, OkHttpFailures.isConnectPhase(e));
    }
    try (response) {
      Map<String, List<String>> headers = new HeaderMap(response.headers());
      if (!validContentLength(response.headers("Content-Length"))) {
        // OkHttp reads a garbled or contradictory length as "until the connection closes"; the JDK
        // transport fails such a body, and so must this one: where it ends can't be known. The
        // status
        // and headers stand (a 401 is still a 401); the connection is closed, never pooled.
        call.cancel();
        return new HttpTransport.Response(
            response.code(),
            headers,
            new byte[0],
            Optional.of(
                new OkHttpTransportFailure(
                    "the response is not valid HTTP/1.1 (Content-Length)", new IOException())));
      }
      BufferedSource source = response.body().source();
      long limit = (long) maxBodyBytes + 1;
      try {
        source.request(limit);
      } catch (IOException e) {
        // The deadline or the connection ended the body: what arrived, then why it is incomplete.
        byte[] partial =
            source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), limit));
        call.cancel();
        return new HttpTransport.Response(
            response.code(), headers, partial, Optional.of(OkHttpFailures.safe(e, false)));
      }
      byte[] body = source.readByteArray(Math.min(source.getBuffer().size(), limit));
      if (body.length > maxBodyBytes) {
        // Unread bytes stay on the wire: the connection must not go back to the pool.
        call.cancel();
        return new HttpTransport.Response(
            response.code(),
            headers,
            body,
            Optional.of(
                new IOException(
                    "the response body is larger than the limit; the rest was not read")));
      }
      return new HttpTransport.Response(response.code(), headers, body, Optional.empty());
    }
  }

  /** At most one Content-Length, and a non-negative decimal number (RFC 9112 section 6.3). */
  private static boolean validContentLength(List<String> values) {
    if (values.isEmpty()) {
      return true;
    }
    if (values.size() > 1) {
      return false;
    }
    String value = values.get(0).trim();
    if (value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
