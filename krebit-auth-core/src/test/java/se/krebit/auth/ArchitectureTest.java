package se.krebit.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is the inside of the hexagon: it knows no transport, persistence or DI framework. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("se.krebit.auth");

  @Test
  void coreDependsOnNoAdapterTechnology() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "feign..",
            "com.fasterxml.jackson..",
            "java.sql..",
            "javax.sql..",
            "com.google.inject..",
            "io.github.jopenlibs..",
            "io.github.resilience4j..",
            "java.net.http..",
            "com.github.tomakehurst..")
        .check(CORE);
  }

  @Test
  void portsDoNotDependOnImplementations() {
    noClasses()
        .that()
        .resideInAPackage("se.krebit.auth.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("se.krebit.auth.memory..")
        .check(CORE);
  }
}
