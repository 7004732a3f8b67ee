package se.krebit.auth.store.jdbc;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import se.krebit.webhooks.WebhookHeaders;
import se.krebit.webhooks.WebhookHttpHandler;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.servlet.WebhookServlet;

/**
 * The HTTP servers an application's webhook endpoint runs in, in these tests: each listens on
 * loopback at {@value #PATH}, with the library's adapter for it behind a {@link Door}.
 */
enum EndpointServer {
  /** The JDK's {@code HttpServer} with {@link WebhookHttpHandler}. */
  JDK_HTTP_SERVER {
    @Override
    RunningEndpoint start(WebhookReceiver receiver, Door door) {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      WebhookHttpHandler adapter = new WebhookHttpHandler(receiver);
      server.createContext(
          PATH,
          exchange -> {
            Optional<Door.Fault> fault = door.poll();
            if (fault.isEmpty()) {
              adapter.handle(exchange);
              return;
            }
            if (fault.get() == Door.Fault.LOSE_ANSWER) {
              receiver.receive(
                  WebhookHeaders.of(exchange.getRequestHeaders()), exchange.getRequestBody());
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
          });
      server.start();
      return new RunningEndpoint(url(server.getAddress().getPort()), () -> server.stop(0));
    }
  },

  /** A {@link WebhookServlet} in Jetty 12 (Servlet 6.0), the door a filter in front of it. */
  SERVLET_IN_JETTY {
    @Override
    RunningEndpoint start(WebhookReceiver receiver, Door door) {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(LOOPBACK);
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(new WebhookServlet(receiver)), PATH);
      Filter filter =
          (request, response, chain) -> {
            Optional<Door.Fault> fault = door.poll();
            if (fault.isEmpty()) {
              chain.doFilter(request, response);
            } else if (fault.get() == Door.Fault.FAIL_BEFORE) {
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
      context.addFilter(new FilterHolder(filter), PATH, EnumSet.of(DispatcherType.REQUEST));
      server.setHandler(context);
      try {
        server.start();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not start", e);
      }
      return new RunningEndpoint(url(connector.getLocalPort()), server::stop);
    }
  };

  static final String PATH = "/krebit/webhooks";
  private static final String LOOPBACK = "127.0.0.1";

  /** Starts listening on a free loopback port, {@code receiver} behind {@code door}. */
  abstract RunningEndpoint start(WebhookReceiver receiver, Door door);

  private static URI url(int port) {
    return URI.create("http://" + LOOPBACK + ":" + port + PATH);
  }

  /** An endpoint that listens: its URL, and how it stops. */
  record RunningEndpoint(URI url, Stop stop) implements AutoCloseable {
    /** Stops a server. */
    interface Stop {
      void stop() throws Exception;
    }

    @Override
    public void close() {
      try {
        stop.stop();
      } catch (Exception e) {
        throw new IllegalStateException("the endpoint's server did not stop", e);
      }
    }
  }
}
