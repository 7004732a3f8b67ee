package se.krebit.spring.boot;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets in Actuator's {@code configprops} and {@code env} endpoints, also
 * when they are set to show values: Boot 3 and 4 mask no key by name then, so {@code
 * krebit.client.secret}, {@code krebit.vault.token} and {@code krebit.vault.app-role.secret-id}
 * (however spelt: {@code KREBIT_CLIENT_SECRET} too) would be shown in clear.
 */
public final class KrebitSecretSanitizer implements SanitizingFunction {
  // The keys with every separator dropped, as relaxed binding reads them in any spelling.
  private static final Set<String> SECRET_KEYS =
      Set.of("krebitclientsecret", "krebitvaulttoken", "krebitvaultapprolesecretid");

  @Override
  public SanitizableData apply(SanitizableData data) {
    return isSecret(data.getKey()) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
  }

  /**
   * Whether {@code key} names one of the secrets, in any of the spellings relaxed binding reads.
   */
  static boolean isSecret(String key) {
    return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replaceAll("[._\\-]", ""));
  }
}
