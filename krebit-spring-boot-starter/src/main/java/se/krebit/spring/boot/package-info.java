/**
 * Spring Boot auto-configuration for Krebit Auth: {@code krebit.*} properties named as the
 * environment variables, the {@code Krebit} beans, bearer-token interceptors for Spring's HTTP
 * clients, meters and health.
 */
@NullMarked
package se.krebit.spring.boot;

import org.jspecify.annotations.NullMarked;
