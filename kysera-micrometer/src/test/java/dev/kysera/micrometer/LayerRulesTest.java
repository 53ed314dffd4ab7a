package dev.kysera.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md: micrometer depends on debug, executor, core and Micrometer only, never on their internals. */
class LayerRulesTest {

    private static final JavaClasses MICROMETER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.kysera.micrometer");

    @Test
    void micrometer_depends_on_executor_core_micrometer_jooq_and_the_jdk_only() {
        classes().that().resideInAPackage("dev.kysera.micrometer..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kysera.micrometer..", "dev.kysera.executor..",
                        "dev.kysera.core..", "dev.kysera.debug..", "io.micrometer.observation..", "io.micrometer.common..",
                        "io.micrometer.core.instrument..", "java..", "org.jooq..")
                .check(MICROMETER);
    }

    @Test
    void no_internals_of_other_modules() {
        noClasses().that().resideInAPackage("dev.kysera.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.executor..internal..", "dev.kysera.core..internal..",
                        "dev.kysera.debug..internal..")
                .check(MICROMETER);
    }
}
