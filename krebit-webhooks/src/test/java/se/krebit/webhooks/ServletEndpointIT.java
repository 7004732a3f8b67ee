package se.krebit.webhooks;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import se.krebit.webhooks.servlet.WebhookServlet;

/** The receiving endpoint as a {@link WebhookServlet} in Jetty 12 (Servlet 6.0). */
class ServletEndpointIT extends ReceivingEndpointContract {
  private Server server;

  @Override
  protected URI start(WebhookReceiver receiver, Faults faults) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new WebhookServlet(receiver)), "/hooks");
    Filter door =
        (request, response, chain) -> {
          Optional<Fault> fault = faults.poll();
          if (fault.isEmpty()) {
            chain.doFilter(request, response);
          } else if (fault.get() == Fault.FAIL_BEFORE) {
            ((HttpServletResponse) response).setStatus(500);
          } else {
            chain.doFilter(
                request,
                new HttpServletResponseWrapper((HttpServletResponse) response) {
                  @Override
                  public void setStatus(int status) {
                    super.setStatus(500);
                  }
                });
          }
        };
    context.addFilter(new FilterHolder(door), "/hooks", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hooks");
  }

  @Override
  protected void stop() throws Exception {
    server.stop();
  }
}
