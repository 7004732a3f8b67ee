/**
 * The optional OkHttp transport of Krebit's HTTP stack: one shared {@code OkHttpClient} per
 * configuration (variants derived with {@code newBuilder()} share its connection pool and
 * dispatcher), TLS 1.3 and 1.2 only, no redirects, the whole call bounded by one deadline, bodies
 * read up to a cap, a per-client proxy and proxy {@link java.net.Authenticator}, and failures that
 * never quote what a server sent.
 */
@NullMarked
package se.krebit.http.okhttp;

import org.jspecify.annotations.NullMarked;
