package dev.chatstore.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Module boundaries and reactive habits, checked on the main classes of every module. */
class ArchitectureTests {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatstore");
  }

  @Test
  void theStorageModulesDoNotDependOnSpring() {
    noClasses()
        .that()
        .resideInAPackage("dev.chatstore.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .because("the storage modules are libraries for any reactive app")
        .check(classes);
  }

  @Test
  void theContractDependsOnReactorAndTheJdkOnly() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.chatstore.storage", "dev.chatstore.storage.spi")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "dev.chatstore.storage..",
            "java..",
            "javax.crypto..",
            "reactor..",
            "org.reactivestreams..",
            "org.jspecify..")
        .check(classes);
  }

  @Test
  void noMainCodeBlocksOnAPublisher() {
    noClasses()
        .should()
        .callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a blocking method of Mono or Flux",
                call ->
                    (call.getTargetOwner().isEquivalentTo(Mono.class)
                            || call.getTargetOwner().isEquivalentTo(Flux.class))
                        && call.getName().startsWith("block")))
        .because("blocking belongs on schedulers made for it, never in a reactive chain")
        .check(classes);
  }

  @Test
  void backendsDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.chatstore.storage.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chatstore.storage.r2dbc..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.chatstore.storage.r2dbc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.chatstore.storage.sqlite..")
        .check(classes);
  }
}
