package se.krebit.webhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module needs no web framework: the servlet API and the JDK's HTTP server each stay in their
 * one adapter.
 */
class ArchitectureTest {
  /**
   * The module's own classes, read from the build's output: scanning the class path for the package
   * takes long.
   */
  private static final JavaClasses WEBHOOKS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPath(Path.of("target", "classes"));

  @Test
  void onlyTheServletAdapterKnowsTheServletApi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("se.krebit.webhooks.servlet..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta..")
        .check(WEBHOOKS);
  }

  @Test
  void theRulesSeeTheAdaptersDependencies() {
    classes()
        .that()
        .haveSimpleName("WebhookServlet")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.servlet..")
        .check(WEBHOOKS);
    classes()
        .that()
        .haveSimpleName("WebhookHttpHandler")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.net.httpserver..")
        .check(WEBHOOKS);
  }

  @Test
  void onlyTheHttpServerAdapterKnowsTheJdkHttpServer() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(WebhookHttpHandler.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.sun.net.httpserver..")
        .check(WEBHOOKS);
  }

  @Test
  void noTransportPersistenceOrDependencyInjectionLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "feign..",
            "com.fasterxml.jackson..",
            "java.sql..",
            "javax.sql..",
            "com.google.inject..",
            "java.net.http..",
            "com.github.tomakehurst..",
            "org.eclipse.jetty..",
            "org.springframework..")
        .check(WEBHOOKS);
  }

  @Test
  void noOtherModulesInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("se.krebit.auth.internal..")
        .check(WEBHOOKS);
  }

  @Test
  void thePortDependsOnNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("se.krebit.webhooks.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("se.krebit.webhooks.memory..", "se.krebit.webhooks.servlet..")
        .check(WEBHOOKS);
  }
}
