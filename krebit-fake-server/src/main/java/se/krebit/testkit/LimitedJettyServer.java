package se.krebit.testkit;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty12.Jetty12HttpServer;
import com.github.tomakehurst.wiremock.servlet.MultipartRequestConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server with {@link RequestLimits} in front of both its servlets, the fake's and
 * the admin API's, and multipart bodies capped alike, through WireMock's official hook for the HTTP
 * server ({@link HttpServerFactory}).
 */
record LimitedJettyServer(RequestLimits limits) implements HttpServerFactory {
  @Override
  public String getName() {
    return "krebit-limited-jetty";
  }

  @Override
  public HttpServer buildHttpServer(
      Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
    // Jetty12HttpServer calls the hooks from its constructor: they may use these locals, not fields
    // of ours.
    RequestLimits filter = limits;
    MultipartConfigElement multipart = limits.multipart();
    return new Jetty12HttpServer(options, admin, stubs) {
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
        return request -> request.setAttribute(MultipartRequestConfigurer.KEY, multipart);
      }
    };
  }
}
