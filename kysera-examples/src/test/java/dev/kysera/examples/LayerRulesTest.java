package dev.kysera.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of ARCHITECTURE.md, checked on the compiled library modules. */
class LayerRulesTest {

    private static JavaClasses kysera;

    @BeforeAll
    static void importLibraries() {
        kysera = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kysera.core", "dev.kysera.executor", "dev.kysera.repository", "dev.kysera.dal",
                        "dev.kysera.softdelete", "dev.kysera.timestamps", "dev.kysera.rls", "dev.kysera.validation");
    }

    @Test
    void core_depends_on_the_jdk_and_jooq_only() {
        classes().that().resideInAPackage("dev.kysera.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kysera.core..", "java..", "javax..", "org.jooq..")
                .check(kysera);
    }

    @Test
    void the_executor_depends_on_core_only() {
        noClasses().that().resideInAPackage("dev.kysera.executor..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.repository..", "dev.kysera.dal..",
                        "dev.kysera.softdelete..", "dev.kysera.timestamps..", "dev.kysera.rls..", "dev.kysera.validation..")
                .check(kysera);
    }

    @Test
    void repository_and_dal_are_independent_styles() {
        noClasses().that().resideInAPackage("dev.kysera.repository..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.dal..", "dev.kysera.softdelete..", "dev.kysera.timestamps..", "dev.kysera.rls..")
                .check(kysera);
        noClasses().that().resideInAPackage("dev.kysera.dal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.repository..", "dev.kysera.softdelete..", "dev.kysera.timestamps..", "dev.kysera.rls..")
                .check(kysera);
    }

    @Test
    void plugins_never_depend_on_each_other() {
        noClasses().that().resideInAPackage("dev.kysera.softdelete..")
                .should().dependOnClassesThat().resideInAPackage("dev.kysera.timestamps..").check(kysera);
        noClasses().that().resideInAPackage("dev.kysera.timestamps..")
                .should().dependOnClassesThat().resideInAPackage("dev.kysera.softdelete..").check(kysera);
        noClasses().that().resideInAPackage("dev.kysera.rls..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kysera.softdelete..", "dev.kysera.timestamps..").check(kysera);
        noClasses().that().resideInAnyPackage("dev.kysera.softdelete..", "dev.kysera.timestamps..")
                .should().dependOnClassesThat().resideInAPackage("dev.kysera.rls..").check(kysera);
    }

    @Test
    void internals_are_used_only_inside_their_own_module() {
        for (String module : new String[] {"core", "executor", "repository", "dal", "softdelete", "timestamps", "rls"}) {
            noClasses().that().resideOutsideOfPackage("dev.kysera." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.kysera." + module + "..internal..")
                    .check(kysera);
        }
    }
}
