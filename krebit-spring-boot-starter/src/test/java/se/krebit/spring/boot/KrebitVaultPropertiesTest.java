package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the README's {@code krebit.vault.*} table names are the ones Boot's
 * relaxed binding reads (dots to underscores, dashes dropped, upper case): read from the README, so
 * that a renamed key or a mistyped variable there fails the build.
 */
class KrebitVaultPropertiesTest {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern DASH_AND_LETTER = Pattern.compile("-(\\w)");

  @Test
  void theEnvironmentVariablesTheReadmeNamesBindEveryKey() throws IOException {
    Map<String, String> variables = readmeVaultTable();
    Map<String, Object> environment = new LinkedHashMap<>();
    variables.forEach((key, variable) -> environment.put(variable, sample(key)));
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

    BeanWrapperImpl vault =
        new BeanWrapperImpl(binder.bind("krebit.vault", KrebitVaultProperties.class).get());

    assertThat(variables)
        .containsKeys("address", "token", "app-role.role-id", "app-role.secret-id")
        .hasSize(10);
    variables.forEach(
        (key, variable) ->
            assertThat(String.valueOf(vault.getPropertyValue(camelCase(key))))
                .as("krebit.vault.%s from %s", key, variable)
                .isEqualTo(sample(key)));
  }

  /** Each key of the table's first column with the variable in the same place of its third. */
  private static Map<String, String> readmeVaultTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int header = lines.indexOf("| `krebit.vault.*` setting | default | environment variable |");
    assertThat(header).as("the README's krebit.vault.* table").isNotNegative();
    Map<String, String> variables = new LinkedHashMap<>();
    for (String row : lines.subList(header + 2, lines.size())) {
      if (!row.startsWith("|")) {
        break;
      }
      String[] cells = row.split("\\|");
      List<String> keys = codes(cells[1].split(":")[0]);
      List<String> names = codes(cells[3]);
      assertThat(names).as(row).hasSameSizeAs(keys);
      for (int i = 0; i < keys.size(); i++) {
        variables.put(keys.get(i), names.get(i));
      }
    }
    return variables;
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    for (Matcher m = CODE.matcher(cell); m.find(); ) {
      codes.add(m.group(1));
    }
    return codes;
  }

  /** A value of {@code key}'s type whose bound form prints as the value itself. */
  private static String sample(String key) {
    if (key.endsWith("timeout")) {
      return "PT7S";
    }
    return key.equals("address") ? "https://vault.example.com:8200" : "/sample/" + key;
  }

  private static String camelCase(String key) {
    Matcher dash = DASH_AND_LETTER.matcher(key);
    StringBuilder path = new StringBuilder();
    while (dash.find()) {
      dash.appendReplacement(path, dash.group(1).toUpperCase(Locale.ROOT));
    }
    return dash.appendTail(path).toString();
  }
}
