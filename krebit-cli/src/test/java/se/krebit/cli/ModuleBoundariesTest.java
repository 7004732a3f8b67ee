package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module reaches into another module's {@code internal} package, over the whole repository:
 * every mention of a type {@code se.krebit.….internal.X} in module M's sources (an import, a static
 * import, a qualified name in code or a Javadoc link) names a type of M's own, or X is listed for M
 * in the {@code <li>} items of the owning package's {@code package-info}, the repository's
 * qualified exports. An item marked "(tests)" admits M's test sources only. A listed module that no
 * longer uses its type fails too, so the lists stay as short as the code allows.
 */
class ModuleBoundariesTest {
  private static final Path PROJECT = Repository.ROOT;
  private static final Pattern INTERNAL_TYPE =
      Pattern.compile("\\b(se\\.krebit(?:\\.\\w+)*\\.internal)\\.([A-Z]\\w*)");
  private static final Pattern ITEM =
      Pattern.compile("<li>\\s*\\{@link (?:[\\w.]+\\.)?(\\w+)}(.*?)(?=<li>|</ul>)", Pattern.DOTALL);
  private static final Pattern GRANTEE =
      Pattern.compile("\\{@code\\s+(krebit-[\\w-]+)}(\\s*\\(tests\\))?");

  /** One use of an internal type: who uses it, where, and which type. */
  record Use(String module, Path file, boolean test, String pkg, String type) {
    String describe() {
      return PROJECT.relativize(file) + " uses " + pkg + "." + type;
    }
  }

  /** One module allowed to use one internal type, perhaps from its tests only. */
  record Grant(String owner, String pkg, String type, String module, boolean testsOnly) {
    boolean admits(Use use) {
      return use.pkg().equals(pkg)
          && use.type().equals(type)
          && use.module().equals(module)
          && (use.test() || !testsOnly);
    }
  }

  @Test
  void everyUseOfAnInternalTypeIsItsOwnModulesOrListedInTheOwningPackageInfo() {
    Map<String, String> owners = owners();
    List<Grant> grants = grants();
    List<Use> uses = uses();
    List<String> violations = new ArrayList<>();
    for (Use use : uses) {
      String owner = owners.get(use.pkg() + "." + use.type());
      if (use.module().equals(owner) || grants.stream().anyMatch(grant -> grant.admits(use))) {
        continue;
      }
      violations.add(
          use.describe()
              + (owner == null
                  ? ", which no module's main sources declare"
                  : ", internal to "
                      + owner
                      + " and not listed for "
                      + use.module()
                      + (use.test() ? "" : " (main)")
                      + " in "
                      + owner
                      + "'s "
                      + use.pkg()
                      + " package-info"));
    }

    assertThat(uses)
        .as("the scan finds the repository's internal types in use")
        .hasSizeGreaterThan(20);
    assertThat(violations)
        .as(
            "uses of another module's internal types: use its public API, or add the type, the module and why"
                + " to the owning package-info's list (a qualified export)")
        .isEmpty();
  }

  @Test
  void everyListedModuleStillUsesItsType() {
    List<Use> crossModule =
        uses().stream()
            .filter(use -> !use.module().equals(owners().get(use.pkg() + "." + use.type())))
            .toList();
    List<String> stale =
        grants().stream()
            .filter(grant -> crossModule.stream().noneMatch(grant::admits))
            .map(
                grant ->
                    grant.type()
                        + " to "
                        + grant.module()
                        + " in "
                        + grant.owner()
                        + "'s "
                        + grant.pkg()
                        + " package-info")
            .toList();

    assertThat(grants()).as("the package-infos' lists are read").isNotEmpty();
    assertThat(stale).as("qualified exports nobody uses any more: remove them").isEmpty();
  }

  @Test
  void anUnlistedImportIsReportedByFileAndImport() {
    Path file = PROJECT.resolve("krebit-cli/src/main/java/se/krebit/cli/Example.java");
    // Spelled in pieces, so that this file does not itself use what it shows.
    String transport = "se.krebit.http" + ".internal.JdkHttpTransport";
    String tls = "se.krebit.auth" + ".internal.TlsParameters";
    List<Use> found =
        usesIn(
            "krebit-cli", file, "import " + transport + ";\nimport static " + tls + ".strict;\n");

    assertThat(found)
        .extracting(Use::describe)
        .containsExactly(
            "krebit-cli/src/main/java/se/krebit/cli/Example.java uses " + transport,
            "krebit-cli/src/main/java/se/krebit/cli/Example.java uses " + tls);
    assertThat(grants()).noneMatch(grant -> found.stream().anyMatch(grant::admits));
    assertThat(grants())
        .anyMatch(
            grant ->
                grant.admits(
                    new Use(
                        "krebit-cli", file, false, "se.krebit.auth.internal", "PrintableText")));
    assertThat(grants())
        .noneMatch(
            grant ->
                grant.admits(
                    new Use(
                        "krebit-cli", file, false, "se.krebit.testkit.internal", "FakeWireMock")));
  }

  /** Each internal type declared in a module's main sources, by qualified name, to that module. */
  private static Map<String, String> owners() {
    Map<String, String> owners = new HashMap<>();
    for (Path module : modules()) {
      for (Path file : javaFiles(module.resolve("src/main/java"))) {
        String relative =
            module.resolve("src/main/java").relativize(file).toString().replace('\\', '/');
        String name = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        if (name.contains(".internal.") && !name.endsWith("package-info")) {
          owners.put(name, module.getFileName().toString());
        }
      }
    }
    return owners;
  }

  /** The lists in the package-info of every internal package in a module's main sources. */
  private static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Path module : modules()) {
      for (Path file : javaFiles(module.resolve("src/main/java"))) {
        if (!file.getFileName().toString().equals("package-info.java")
            || !file.getParent().endsWith("internal")) {
          continue;
        }
        String text = Repository.read(file).replaceAll("(?m)^\\s*\\*", " ");
        String pkg = text.replaceAll("(?s).*\\bpackage ([\\w.]+);.*", "$1");
        Matcher item = ITEM.matcher(text);
        while (item.find()) {
          String grantees = item.group(2).split(":", 2)[0];
          Matcher grantee = GRANTEE.matcher(grantees);
          while (grantee.find()) {
            grants.add(
                new Grant(
                    module.getFileName().toString(),
                    pkg,
                    item.group(1),
                    grantee.group(1),
                    grantee.group(2) != null));
          }
        }
      }
    }
    return grants;
  }

  private static List<Use> uses() {
    List<Use> uses = new ArrayList<>();
    for (Path module : modules()) {
      for (Path file : javaFiles(module.resolve("src"))) {
        uses.addAll(usesIn(module.getFileName().toString(), file, Repository.read(file)));
      }
    }
    return uses;
  }

  private static List<Use> usesIn(String module, Path file, String text) {
    boolean test =
        PROJECT.relativize(file).toString().replace('\\', '/').startsWith(module + "/src/test/");
    Set<String> seen = new HashSet<>();
    List<Use> uses = new ArrayList<>();
    Matcher name = INTERNAL_TYPE.matcher(text);
    while (name.find()) {
      if (seen.add(name.group())) {
        uses.add(new Use(module, file, test, name.group(1), name.group(2)));
      }
    }
    return uses;
  }

  /** The reactor's modules that have sources. */
  private static List<Path> modules() {
    return Repository.modules().stream()
        .map(PROJECT::resolve)
        .filter(module -> Files.isDirectory(module.resolve("src")))
        .toList();
  }

  private static List<Path> javaFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
