/**
 * JMH benchmarks and a refresh-storm harness that measure Krebit Auth against the libraries users
 * would pick instead (google-auth-library-oauth2-http, Spring Security OAuth 2.0 Client, the AWS
 * SDK's {@code CachedSupplier}) with in-process token endpoints only; the API client against a bare
 * JDK {@code HttpClient} on the test kit's fake server; and the token stores (in memory, H2,
 * PostgreSQL). One harness, one machine.
 *
 * <p>Not a library: nothing here is deployed, and nothing outside this module may depend on it. See
 * {@code BENCHMARKS.md} at the repository root for the results and how to reproduce them.
 */
@NullMarked
package se.krebit.benchmarks;

import org.jspecify.annotations.NullMarked;
