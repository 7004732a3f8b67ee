/**
 * {@link se.krebit.webhooks.servlet.WebhookServlet}: a {@link se.krebit.webhooks.WebhookReceiver}
 * in any Jakarta Servlet 6 container (Tomcat 10.1+, Jetty 12, Undertow, Spring Boot 3+). The
 * servlet API is the container's: this module only compiles against it.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.webhooks.servlet;

import org.jspecify.annotations.NullMarked;
