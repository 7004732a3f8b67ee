package se.krebit.spring.boot;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcStateRepository;
import se.krebit.auth.store.jdbc.JdbcTokenStore;

/**
 * Users' tokens and pending sign-ins in the application's {@link DataSource}, when {@code
 * krebit-auth-store-jdbc} is on the class path: encrypted with the application's {@link
 * TokenCipher} bean (a Tink keyset from its secret store: a key is not something to default), in
 * the tables its own Flyway or Liquibase migration creates from the scripts the JDBC module ships;
 * the starter creates no table.
 */
@AutoConfiguration(
    before = KrebitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Boot 4
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" // Boot 3
    })
@ConditionalOnClass({JdbcTokenStore.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
public class KrebitJdbcAutoConfiguration {
  /** The token store on the application's database. */
  @Bean
  @ConditionalOnMissingBean
  public TokenStore krebitTokenStore(DataSource dataSource, ObjectProvider<TokenCipher> cipher) {
    return JdbcTokenStore.builder(dataSource).cipher(cipher(cipher)).build();
  }

  /** Pending sign-ins on the application's database, so any node can finish one. */
  @Bean
  @ConditionalOnMissingBean
  public StateRepository krebitStateRepository(
      DataSource dataSource, ObjectProvider<TokenCipher> cipher) {
    return JdbcStateRepository.builder(dataSource).cipher(cipher(cipher)).build();
  }

  /**
   * The application's cipher; without one, startup fails rather than fall back to memory unnoticed.
   */
  private static TokenCipher cipher(ObjectProvider<TokenCipher> cipher) {
    TokenCipher unique = cipher.getIfUnique();
    if (unique == null) {
      throw new KrebitConfigurationException(
          "krebit-auth-store-jdbc is on the class path and the application has a DataSource, so users' tokens"
              + " are stored in it, encrypted: define one TokenCipher bean (krebit-tink's TinkTokenCipher on"
              + " your keyset), or a TokenStore and StateRepository bean of your own");
    }
    return unique;
  }
}
