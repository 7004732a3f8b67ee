package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The README's module table can't drift from the poms: every module of the reactor has a row, and
 * every dependency a module's {@code pom.xml} declares outside the test scope is named in that row
 * (as {@code `artifactId`}), where the table says in one line why it is there.
 */
class ModuleTableTest {
  @Test
  void everyModuleHasARowThatJustifiesEachOfItsDependencies() {
    Map<String, String> rows = moduleRows();
    List<String> missing = new ArrayList<>();
    for (String module : Repository.modules()) {
      Optional<String> row = Optional.ofNullable(rows.get(module));
      if (row.isEmpty()) {
        missing.add(module + ": no row in the README's module table");
        continue;
      }
      for (String dependency : nonTestDependencies(module)) {
        if (!row.get().contains("`" + dependency + "`")) {
          missing.add(module + ": `" + dependency + "` is not justified in its row");
        }
      }
    }
    assertThat(missing)
        .as(
            "README.md \"Modules\": name each dependency of a module in backticks in its row, with"
                + " one line on why")
        .isEmpty();
  }

  private static Map<String, String> moduleRows() {
    String readme = Repository.read(Repository.ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Modules\n");
    assertThat(start).as("README section \"## Modules\"").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : readme.substring(start, end).lines().toList()) {
      if (line.startsWith("| `")) {
        String module = line.substring(3, line.indexOf('`', 3));
        rows.put(module, line);
      }
    }
    return rows;
  }

  private static List<String> nonTestDependencies(String module) {
    Element project = Repository.pom(Repository.ROOT.resolve(module));
    List<String> dependencies = new ArrayList<>();
    for (Element section : children(project, "dependencies")) {
      for (Element dependency : children(section, "dependency")) {
        String scope = text(dependency, "scope");
        if (!scope.equals("test")) {
          dependencies.add(text(dependency, "artifactId"));
        }
      }
    }
    return dependencies;
  }

  /**
   * Direct children only: a profile's or dependencyManagement's dependencies are not the module's.
   */
  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
  }
}
