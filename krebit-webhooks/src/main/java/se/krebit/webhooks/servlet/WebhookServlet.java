package se.krebit.webhooks.servlet;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.krebit.webhooks.WebhookHeaders;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookResponse;

/**
 * A {@link WebhookReceiver} as a servlet: POST deliveries are received from the raw request body
 * (read no further than the verifier's cap) and answered as the receiver says, in plain text; other
 * methods get the servlet's 405. Map it at the path you registered with Krebit, and keep filters
 * that read or rewrite the body away from it: the signature is over the bytes as sent.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic webhooks = servletContext.addServlet("krebit-webhooks", new WebhookServlet(receiver));
 * webhooks.addMapping("/krebit/webhooks");
 * }</pre>
 *
 * <p>Thread-safe: the container calls one instance for every request.
 */
public final class WebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Servlets are never serialised in practice; a deserialised one would have no receiver. */
  private final transient WebhookReceiver receiver;

  /** A servlet that passes every delivery to {@code receiver}. */
  public WebhookServlet(WebhookReceiver receiver) {
    this.receiver = requireNonNull(receiver, "receiver");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    WebhookResponse answer = receiver.receive(headers(request), request.getInputStream());
    byte[] body = (answer.message() + "\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(answer.status());
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static WebhookHeaders headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return WebhookHeaders.of(headers);
  }

  @Override
  public String toString() {
    return "WebhookServlet[" + receiver + "]";
  }
}
