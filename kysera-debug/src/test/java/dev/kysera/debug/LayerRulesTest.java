package dev.kysera.debug;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md: debug depends on executor and core only, never on their internals. */
class LayerRulesTest {

    private static final JavaClasses DEBUG = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.kysera.debug");

    @Test
    void debug_depends_on_executor_core_jooq_and_the_jdk_only() {
        classes().that().resideInAPackage("dev.kysera.debug..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kysera.debug..", "dev.kysera.executor..",
                        "dev.kysera.core..", "java..", "org.jooq..")
                .check(DEBUG);
    }

    @Test
    void no_internals_of_other_modules() {
        noClasses().that().resideInAPackage("dev.kysera.debug..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.executor..internal..", "dev.kysera.core..internal..")
                .check(DEBUG);
    }
}
