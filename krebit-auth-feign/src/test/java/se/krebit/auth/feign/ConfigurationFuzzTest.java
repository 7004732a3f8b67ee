package se.krebit.auth.feign;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.testkit.hostile.FuzzInvariants;

/**
 * Fuzzes configuration from the environment: each input is lines of {@code KEY=value} (the first
 * line's pairs go to system properties), where {@code {secret}} stands for a real-looking secret
 * typed into the wrong place. {@link KrebitAuthConfig#fromEnvironment} gives a configuration or a
 * {@link KrebitConfigurationException} naming keys, never echoing a value: no part of the secret
 * (whole, or its first or last 8 characters) is in the message, nor in the configuration's {@code
 * toString()} where it was the client secret. Parsing stays within 2 s of CPU. Seeds: {@code
 * ConfigurationFuzzTestInputs}.
 */
class ConfigurationFuzzTest {
  private static final String SECRET = "sk_live_Zq7PLANTEDcfgK2w9x";
  private static final List<String> PARTS =
      List.of(SECRET, SECRET.substring(0, 8), SECRET.substring(SECRET.length() - 8));

  @FuzzTest(maxDuration = "10m")
  void anyEnvironmentIsAConfigurationOrATypedErrorThatEchoesNoValue(byte[] input) {
    String[] lines =
        new String(input, StandardCharsets.UTF_8).replace("{secret}", SECRET).split("\n", -1);
    Map<String, String> properties = new HashMap<>();
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      for (String pair : i == 0 ? lines[i].split(";") : new String[] {lines[i]}) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          (i == 0 ? properties : environment)
              .put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
    }
    long started = FuzzInvariants.threadCpuNanos();
    try {
      KrebitAuthConfig config = KrebitAuthConfig.fromEnvironment(environment, properties);
      // A configuration shows its tenant and client id, which are not secrets: the secret typed
      // into
      // one of those is shown as that setting, by design. Only where it is the client secret alone
      // must it never show.
      if (onlyTheClientSecretHoldsIt(environment, properties)) {
        check(config.toString());
      }
    } catch (KrebitConfigurationException e) {
      check(e.toString());
      if (e.getCause() != null) {
        check(e.getCause().toString());
      }
    }
    FuzzInvariants.withinCpuBudget(started, Duration.ofSeconds(2));
  }

  private static boolean onlyTheClientSecretHoldsIt(
      Map<String, String> environment, Map<String, String> properties) {
    Map<String, String> others = new HashMap<>(environment);
    others.remove("KREBIT_CLIENT_SECRET");
    properties.forEach(
        (key, value) -> {
          if (!key.equals("krebit.client.secret")) {
            others.put("property " + key, value);
          }
        });
    return others.values().stream()
        .noneMatch(
            value ->
                value.contains(SECRET.substring(0, 8))
                    || value.contains(SECRET.substring(SECRET.length() - 8)));
  }

  private static void check(String text) {
    for (String part : PARTS) {
      if (text.contains(part)) {
        throw new AssertionError(
            "configuration text echoes (part of) a value typed into a setting");
      }
    }
  }
}
