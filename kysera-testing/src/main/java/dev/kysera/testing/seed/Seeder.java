package dev.kysera.testing.seed;

import dev.kysera.executor.Executor;
import dev.kysera.testing.internal.SqlScript;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Puts data into a database: Java code or a SQL file. {@link Seeding} runs seeders after the ones
 * they {@link #dependsOn()}, each once per database (it records their {@link #name()}).
 */
public interface Seeder {

    /**
     * The name recorded when it was applied, and what other seeders depend on; the class name by default.
     *
     * @return the seeder's name, unique within a {@link Seeding}
     */
    default String name() {
        return getClass().getName();
    }

    /**
     * The names of the seeders that must run before this one.
     *
     * @return the dependencies' names; empty by default
     */
    default List<String> dependsOn() {
        return List.of();
    }

    /**
     * Writes the seed data through {@code executor}, so the executor's plugins apply.
     *
     * @param executor the executor of the seeding's transaction
     * @throws RuntimeException anything; the seeding then fails and records nothing for this seeder
     */
    void seed(Executor executor);

    /**
     * A seeder named {@code name} that runs {@code work}.
     *
     * @param name      the seeder's name
     * @param work      writes the seed data through the executor it is given
     * @param dependsOn names of the seeders that must run first
     * @return a new seeder
     * @throws NullPointerException if an argument is null
     */
    static Seeder of(String name, Consumer<? super Executor> work, String... dependsOn) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        List<String> dependencies = List.of(dependsOn);
        return new Seeder() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> dependsOn() {
                return dependencies;
            }

            @Override
            public void seed(Executor executor) {
                work.accept(executor);
            }

            @Override
            public String toString() {
                return "Seeder[" + name + "]";
            }
        };
    }

    /**
     * A seeder that runs the statements of a class path SQL file (semicolons at line ends end
     * statements; {@code --} comment lines are ignored) through the executor; its name is the
     * resource name. The file is read when the seeder runs.
     *
     * @param resource  the file's class path name, also the seeder's name
     * @param dependsOn names of the seeders that must run first
     * @return a new seeder; a missing file fails when it runs, with {@link IllegalArgumentException}
     * @throws IllegalArgumentException if {@code resource} is blank
     */
    static Seeder sql(String resource, String... dependsOn) {
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("SQL seed resource must not be blank: '" + resource + "'");
        }
        return of(resource, executor -> {
            DSLContext dsl = executor.dsl();
            for (String statement : SqlScript.statements(SqlScript.resource(resource))) {
                dsl.execute(statement);
            }
        }, dependsOn);
    }
}
