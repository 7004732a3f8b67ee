package se.krebit.benchmarks;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Spring Security's client-credentials setup for code outside a servlet request (schedulers,
 * service to service): {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} over an {@link
 * InMemoryOAuth2AuthorizedClientService}, with the token response client replaced by a {@link
 * TokenServerStub}. Spring's defaults are kept, including its 60 s clock skew: a token is treated
 * as expired, and fetched again by each caller, from 60 s before it expires.
 */
public final class SpringSecurityContender {
  static final String REGISTRATION_ID = "krebit";

  private SpringSecurityContender() {}

  /** A manager with no token cached yet, and the request an application would pass it. */
  public static Client client(TokenServerStub server) {
    ClientRegistration registration =
        ClientRegistration.withRegistrationId(REGISTRATION_ID)
            .clientId(KrebitContender.CLIENT.clientId())
            .clientSecret("benchmark-secret")
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .tokenUri("https://acme.krebit.se/oauth/token")
            .build();
    InMemoryClientRegistrationRepository registrations =
        new InMemoryClientRegistrationRepository(registration);
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(
            registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
    ClientCredentialsOAuth2AuthorizedClientProvider provider =
        new ClientCredentialsOAuth2AuthorizedClientProvider();
    provider.setAccessTokenResponseClient(stub(server));
    manager.setAuthorizedClientProvider(provider);
    OAuth2AuthorizeRequest request =
        OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
            .principal("benchmark-service")
            .build();
    return new Client(manager, request);
  }

  private static OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> stub(
      TokenServerStub server) {
    return grantRequest -> {
      TokenServerStub.Issued issued = server.issue();
      return OAuth2AccessTokenResponse.withToken(issued.value())
          .tokenType(OAuth2AccessToken.TokenType.BEARER)
          .expiresIn(issued.lifetime().toSeconds())
          .build();
    };
  }

  /**
   * The manager and the authorize request an application reuses on every call.
   *
   * @param manager the manager, wired to the stub
   * @param request what the application asks for: the Krebit registration, as a fixed service
   *     principal
   */
  public record Client(
      AuthorizedClientServiceOAuth2AuthorizedClientManager manager,
      OAuth2AuthorizeRequest request) {
    /** The bearer value a caller gets. */
    public String token() {
      return manager.authorize(request).getAccessToken().getTokenValue();
    }
  }
}
