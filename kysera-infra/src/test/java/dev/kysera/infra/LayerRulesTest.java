package dev.kysera.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md: infra may depend on executor and core (their APIs), Resilience4j and HikariCP only. */
class LayerRulesTest {

    private static final JavaClasses INFRA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.kysera.infra");

    @Test
    void infra_depends_on_executor_core_resilience4j_and_hikaricp_only() {
        classes().that().resideInAPackage("dev.kysera.infra..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kysera.infra..", "dev.kysera.executor", "dev.kysera.core..",
                        "io.github.resilience4j..", "com.zaxxer.hikari..", "java..", "javax..", "org.jooq..")
                .check(INFRA);
    }

    @Test
    void no_internals_of_other_modules() {
        noClasses().that().resideInAPackage("dev.kysera.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.executor.internal..", "dev.kysera.core..internal..")
                .check(INFRA);
    }

    @Test
    void hikaricp_stays_behind_the_internal_pool_reader_so_it_can_be_absent() {
        noClasses().that().resideOutsideOfPackage("dev.kysera.infra.internal..")
                .should().dependOnClassesThat().resideInAPackage("com.zaxxer.hikari..")
                .check(INFRA);
    }
}
