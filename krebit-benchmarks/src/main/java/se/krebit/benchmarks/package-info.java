/**
 * JMH benchmarks and a refresh-storm harness that measure Krebit Auth against the libraries users
 * would pick instead (google-auth-library-oauth2-http, Spring Security OAuth 2.0 Client, the AWS SDK's
 * {@code CachedSupplier}), in one harness on one machine, with in-process token endpoints only.
 *
 * <p>Not a library: nothing here is deployed, and nothing outside this module may depend on it. See
 * {@code BENCHMARKS.md} at the repository root for the results and how to reproduce them.
 */
@NullMarked
package se.krebit.benchmarks;

import org.jspecify.annotations.NullMarked;
