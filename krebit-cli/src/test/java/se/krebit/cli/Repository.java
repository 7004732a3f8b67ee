package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The repository this build runs in, as the checks of the README and of the module graph read it:
 * its root, its reactor's modules and their poms, its text files.
 */
final class Repository {
  /** The repository's root: the tests run in {@code krebit-cli}. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private Repository() {}

  /** The modules of the root pom's reactor, by directory name, in the pom's order. */
  static List<String> modules() {
    List<String> modules = new ArrayList<>();
    NodeList nodes = pom(ROOT).getElementsByTagName("module");
    for (int i = 0; i < nodes.getLength(); i++) {
      modules.add(nodes.item(i).getTextContent().trim());
    }
    assertThat(modules).as("modules of the root pom").hasSizeGreaterThan(10);
    return modules;
  }

  /** The root element of the {@code pom.xml} in {@code directory}. */
  static Element pom(Path directory) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(directory.resolve("pom.xml").toFile())
          .getDocumentElement();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + directory.resolve("pom.xml"), e);
    }
  }

  /** A text file, as UTF-8. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
