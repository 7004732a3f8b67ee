package se.krebit.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.krebit.api.ApiCallListener;
import se.krebit.api.Krebit;
import se.krebit.api.KrebitClient;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UserTokens;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenStore;

/**
 * The application's {@link Krebit}, from the {@code krebit.*} properties, and what derives from it:
 * the client-credentials {@link TokenSource}, {@link KrebitClient}, {@link UserTokens}, the {@link
 * AuthorizationCodeFlow} when redirect URIs are set, and the interceptors for Spring's HTTP
 * clients. Every bean yields to one of the application's own of its type; a {@link TokenStore},
 * {@link StateRepository}, {@link ApiCallListener} or {@link RefreshPolicy} bean is given to {@code
 * Krebit}, and every {@link TokenListener} bean.
 */
@AutoConfiguration
@ConditionalOnClass(Krebit.class)
@EnableConfigurationProperties(KrebitProperties.class)
public class KrebitAutoConfiguration {
  /**
   * The configuration, read from {@code krebit.*} with the same checks as the environment
   * variables.
   */
  @Bean
  @ConditionalOnMissingBean
  public KrebitAuthConfig krebitAuthConfig(KrebitProperties properties) {
    return properties.toConfig();
  }

  /**
   * The one {@link Krebit}, with the application's stores, refresh policy and API-call listener if
   * it has them; every {@link TokenListener} bean (meters, observations, the application's own)
   * hears its token sources.
   */
  @Bean
  @ConditionalOnMissingBean
  public Krebit krebit(
      KrebitAuthConfig config,
      ObjectProvider<TokenStore> tokenStore,
      ObjectProvider<StateRepository> stateRepository,
      ObjectProvider<TokenListener> listeners,
      ObjectProvider<ApiCallListener> apiCallListener,
      ObjectProvider<RefreshPolicy> refreshPolicy) {
    Krebit.Builder krebit = Krebit.builder(config);
    tokenStore.ifUnique(krebit::tokenStore);
    stateRepository.ifUnique(krebit::stateRepository);
    krebit.listener(TokenListener.all(listeners.orderedStream().toArray(TokenListener[]::new)));
    apiCallListener.ifUnique(krebit::apiCallListener);
    refreshPolicy.ifUnique(krebit::refreshPolicy);
    return krebit.build();
  }

  /** The application's own tokens (client credentials). */
  @Bean
  @ConditionalOnMissingBean
  public TokenSource krebitTokenSource(Krebit krebit) {
    return krebit.appTokens();
  }

  /** The API client, calling with the {@link TokenSource} bean. */
  @Bean
  @ConditionalOnMissingBean
  public KrebitClient krebitClient(Krebit krebit, TokenSource tokens) {
    return tokens == krebit.appTokens() ? krebit.client() : krebit.client(tokens);
  }

  /** Signed-in users' tokens. */
  @Bean
  @ConditionalOnMissingBean
  public UserTokens krebitUserTokens(Krebit krebit) {
    return krebit.users();
  }

  /** The sign-in flow, when {@code krebit.redirect.uris} is set. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "krebit.redirect", name = "uris")
  public AuthorizationCodeFlow krebitAuthorizationCodeFlow(Krebit krebit) {
    return krebit.signIn();
  }

  /**
   * What both interceptors give and to which requests: the {@link TokenSource} bean's tokens, to
   * Krebit's origin.
   */
  @Bean
  Bearer krebitBearer(Krebit krebit, TokenSource tokens, KrebitProperties properties) {
    return new Bearer(
        tokens, krebit.config().tenant().baseUri(), properties.getInterceptor().isRetryAnyMethod());
  }

  /**
   * The interceptor for {@code RestClient} and {@code RestTemplate}, when spring-web is present.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
  static class RestClientInterceptor {
    @Bean
    @ConditionalOnMissingBean
    KrebitClientHttpRequestInterceptor krebitClientHttpRequestInterceptor(Bearer bearer) {
      return new KrebitClientHttpRequestInterceptor(bearer);
    }
  }

  /** The filter for {@code WebClient}, when spring-webflux is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = "org.springframework.web.reactive.function.client.ExchangeFilterFunction")
  static class WebClientFilter {
    @Bean
    @ConditionalOnMissingBean
    KrebitExchangeFilterFunction krebitExchangeFilterFunction(Bearer bearer) {
      return new KrebitExchangeFilterFunction(bearer);
    }
  }
}
