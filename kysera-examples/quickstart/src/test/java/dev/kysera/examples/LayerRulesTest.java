package dev.kysera.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of ARCHITECTURE.md, checked on the compiled library modules. */
class LayerRulesTest {

    private static final List<String> PLUGINS = List.of("softdelete", "timestamps", "rls", "audit");
    private static final List<String> BESIDE_THE_STACK = List.of("infra", "debug", "migrations");
    private static final List<String> DATA_ACCESS = List.of("repository", "dal", "validation");
    private static final List<String> ALL = List.of("core", "executor", "repository", "dal", "validation", "softdelete",
            "timestamps", "rls", "audit", "infra", "debug", "migrations", "testing");

    private static JavaClasses kysera;

    @BeforeAll
    static void importLibraries() {
        kysera = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ALL.stream().map(module -> "dev.kysera." + module).toArray(String[]::new));
    }

    private static String[] packages(List<String> modules) {
        return modules.stream().map(module -> "dev.kysera." + module + "..").toArray(String[]::new);
    }

    private static List<String> except(List<String> modules, String... excluded) {
        return modules.stream().filter(module -> !Arrays.asList(excluded).contains(module)).toList();
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
                .should().dependOnClassesThat().resideInAnyPackage(packages(except(ALL, "core", "executor")))
                .check(kysera);
    }

    @Test
    void repository_and_dal_are_independent_styles_below_the_plugins() {
        noClasses().that().resideInAPackage("dev.kysera.repository..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(except(ALL, "core", "executor", "repository")))
                .check(kysera);
        noClasses().that().resideInAPackage("dev.kysera.dal..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(except(ALL, "core", "executor", "dal")))
                .check(kysera);
    }

    @Test
    void plugins_never_depend_on_each_other_nor_on_the_modules_beside_the_stack() {
        for (String plugin : PLUGINS) {
            noClasses().that().resideInAPackage("dev.kysera." + plugin + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages(except(concat(PLUGINS, BESIDE_THE_STACK), plugin)))
                    .check(kysera);
        }
    }

    @Test
    void infra_debug_and_migrations_stand_on_the_executor_and_core_only() {
        for (String module : BESIDE_THE_STACK) {
            noClasses().that().resideInAPackage("dev.kysera." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages(except(concat(concat(PLUGINS, DATA_ACCESS),
                            BESIDE_THE_STACK), module)))
                    .check(kysera);
        }
    }

    @Test
    void the_test_toolkit_is_used_by_no_library_module() {
        noClasses().that().resideInAnyPackage(packages(except(ALL, "testing")))
                .should().dependOnClassesThat().resideInAPackage("dev.kysera.testing..")
                .check(kysera);
    }

    @Test
    void internals_are_used_only_inside_their_own_module() {
        for (String module : ALL) {
            noClasses().that().resideOutsideOfPackage("dev.kysera." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.kysera." + module + "..internal..")
                    .allowEmptyShould(true)
                    .check(kysera);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
