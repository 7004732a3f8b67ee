package se.krebit.testkit;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.servlet.MultipartRequestConfigurer;
import java.util.EnumSet;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.MultipartConfigElement;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server with {@link RequestLimits} in front of both its servlets, the fake's and
 * the admin API's, and multipart bodies capped alike, through WireMock's official hook for the HTTP
 * server ({@link HttpServerFactory}).
 */
final class LimitedJettyServer implements HttpServerFactory {
  private final RequestLimits limits;
  private final long maxBodyBytes;

  LimitedJettyServer(RequestLimits limits, long maxBodyBytes) {
    this.limits = limits;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public String getName() {
    return "krebit-limited-jetty";
  }

  @Override
  public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
    // Jetty11HttpServer calls the hooks from its constructor: they may use these locals, not fields of ours.
    RequestLimits filter = limits;
    long cap = maxBodyBytes;
    return new Jetty11HttpServer(options, admin, stubs) {
      @Override
      protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      }

      @Override
      protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      }

      @Override
      protected MultipartRequestConfigurer buildMultipartRequestConfigurer() {
        MultipartConfigElement config = new MultipartConfigElement(System.getProperty("java.io.tmpdir"), cap, cap, 0);
        return request -> request.setAttribute(MultipartRequestConfigurer.KEY, config);
      }
    };
  }
}
