package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;

/** {@code kysera migrate …} through the entry point, against real databases. */
class MigrateCommandTest {

    @TempDir
    Path dir;

    private CliRun cli(TestDatabase db, String history) {
        return new CliRun(dir)
                .env("KYSERA_DATABASE_URL", db.jdbcUrl())
                .env("KYSERA_MIGRATIONS_TABLE", history)
                .write("migrations/V1__create_authors.sql", """
                        -- kysera:up
                        create table cli_authors (id integer primary key, name varchar(100) not null);
                        -- kysera:down
                        drop table cli_authors;
                        """)
                .write("migrations/V2__create_books.sql", """
                        -- kysera:up
                        create table cli_books (id integer primary key, author_id integer not null references cli_authors (id), title varchar(200));
                        insert into cli_authors (id, name) values (1, 'Ann');
                        -- kysera:down
                        drop table cli_books;
                        delete from cli_authors;
                        """);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void dry_run_prints_what_up_then_runs_and_down_reverts_one_step(TestDatabase db) {
        CliRun cli = cli(db, "hist_dry");

        Map<String, Object> plan = cli.run("migrate", "dry-run", "--json").ok().json();
        assertThat(SchemaTools.of(db.dsl()).tableExists("cli_authors")).as("dry run changes nothing").isFalse();
        Map<String, Object> up = cli.run("migrate", "up", "--json").ok().json();

        assertThat(statements(up.get("applied"))).isEqualTo(statements(plan.get("migrations"))).hasSize(3);
        assertThat(up.get("current")).isEqualTo("2");
        assertThat(db.dsl().fetchValue("select name from cli_authors where id = 1")).isEqualTo("Ann");

        Map<String, Object> status = cli.run("migrate", "status", "--json").ok().json();
        assertThat(CliRun.list(status.get("migrations"))).extracting(m -> m.get("version") + ":" + m.get("state"))
                .containsExactly("1:APPLIED", "2:APPLIED");

        Map<String, Object> downPlan = cli.run("migrate", "dry-run", "--down", "--json").ok().json();
        Map<String, Object> down = cli.run("migrate", "down", "--json").ok().json();
        assertThat(statements(down.get("reverted"))).isEqualTo(statements(downPlan.get("migrations")))
                .containsExactly("drop table cli_books", "delete from cli_authors");
        assertThat(down.get("current")).isEqualTo("1");
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("cli_authors")))).isZero();

        cli.run("migrate", "down", "--to", "0").ok();
        assertThat(cli.run("migrate", "status", "--json").ok().json().get("pending")).isEqualTo(List.of("1", "2"));
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void steps_validate_repair_baseline_and_create(TestDatabase db) throws Exception {
        CliRun cli = cli(db, "hist_checks");

        CliRun.Result one = cli.run("migrate", "up", "--steps", "1").ok();
        assertThat(one.out()).contains("Applied 1 migration(s); the database is at version 1.");
        assertThat(one.err()).contains("[1/1] applied 1 create authors");
        cli.run("migrate", "validate").ok();

        Path v1 = dir.resolve("migrations/V1__create_authors.sql");
        Files.writeString(v1, Files.readString(v1).replace("varchar(100)", "varchar(120)"));
        CliRun.Result invalid = cli.run("migrate", "validate");
        invalid.exit(ExitCode.FAILED);
        assertThat(invalid.err()).contains("MIGRATION_CHECKSUM_MISMATCH");
        assertThat(cli.run("migrate", "up").exit(ExitCode.FAILED).err()).contains("MIGRATION_CHECKSUM_MISMATCH");

        assertThat(cli.run("migrate", "repair", "--json").ok().json().get("realigned")).isEqualTo(List.of("1"));
        cli.run("migrate", "validate").ok();

        assertThat(cli.run("migrate", "down", "--steps", "0").exit(ExitCode.USAGE).err()).contains("--to 0");
        assertThat(cli.run("migrate", "up", "--to", "9").exit(ExitCode.USAGE).err()).contains("no migration with that version");

        Map<String, Object> created = cli.run("migrate", "create", "Add Reviews!", "--json").ok().json();
        assertThat(created.get("version")).isEqualTo("3");
        assertThat(Path.of((String) created.get("file"))).hasFileName("V3__add_reviews.sql").content().contains("-- kysera:up", "-- kysera:down");
        cli.write("migrations/V3__add_reviews.sql", "-- kysera:up\ncreate table cli_reviews (id integer primary key);\n");

        // A second history table adopts the same database at version 2: only v3 runs.
        CliRun adopted = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl()).env("KYSERA_MIGRATIONS_TABLE", "hist_adopted");
        cli.run("migrate", "up").ok();
        // Nothing pending: up still checks the history, so an edited applied migration fails it.
        Path v3 = dir.resolve("migrations/V3__add_reviews.sql");
        String applied = Files.readString(v3);
        Files.writeString(v3, applied.replace("(id integer primary key)", "(id bigint primary key)"));
        assertThat(cli.run("migrate", "up").exit(ExitCode.FAILED).err()).contains("MIGRATION_CHECKSUM_MISMATCH");
        Files.writeString(v3, applied);
        assertThat(cli.run("migrate", "up").ok().out()).startsWith("Nothing to apply; the database is at version 3.");
        adopted.run("migrate", "baseline", "2").ok();
        Map<String, Object> status = adopted.run("migrate", "status", "--json").ok().json();
        assertThat(CliRun.list(status.get("migrations"))).extracting(m -> m.get("version") + ":" + m.get("state"))
                .containsExactly("1:BELOW_BASELINE", "2:BASELINE", "3:PENDING");
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_missing_directory_is_a_configuration_error(TestDatabase db) {
        CliRun.Result result = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl()).run("migrate", "status", "-d", "nowhere");
        result.exit(ExitCode.CONFIG);
        assertThat(result.err()).contains("nowhere").contains("does not exist");
    }

    @SuppressWarnings("unchecked")
    private static List<String> statements(Object runs) {
        return CliRun.list(runs).stream()
                .flatMap(run -> ((List<Map<String, Object>>) run.get("statements")).stream())
                .map(statement -> ((String) statement.get("sql")).strip())
                .toList();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void java_migrations_from_a_class_directory_without_a_migrations_directory(TestDatabase db) throws Exception {
        Path classes = MigrationJar.classes(dir.resolve("build"), "cp");
        CliRun cli = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl()).env("KYSERA_MIGRATIONS_TABLE", "hist_java");

        Map<String, Object> up = cli.run("migrate", "up", "--classpath", classes.toString(), "--json").ok().json();
        assertThat(CliRun.list(up.get("applied"))).extracting(m -> m.get("version") + " " + m.get("name")).containsExactly("2 add prices");
        assertThat(db.dsl().fetch("select id, item_id, cents from cp_prices order by id").map(r -> r.get(0, Integer.class) + ":"
                + r.get(1, Integer.class) + ":" + r.get(2, Integer.class))).containsExactly("1:1:250", "2:2:990");
        assertThat(CliRun.list(cli.env("KYSERA_MIGRATIONS_CLASSPATH", classes.toString()).run("migrate", "status", "--json").ok().json()
                .get("migrations"))).extracting(m -> m.get("version") + ":" + m.get("state")).containsExactly("2:APPLIED");
        // create numbers a new SQL file after the Java migration too.
        assertThat(cli.run("migrate", "create", "after java", "--json").ok().json().get("version")).isEqualTo("3");
        Files.delete(dir.resolve("migrations/V3__after_java.sql"));
        // validate computes the Java migration's checksum again from a dry run; without the classpath it is missing.
        cli.run("migrate", "validate").ok();
        assertThat(cli.env("KYSERA_MIGRATIONS_CLASSPATH", "").run("migrate", "validate").exit(ExitCode.FAILED).err())
                .contains("[2]", "missing from the code");
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_bad_migration_classpath_is_a_configuration_error(TestDatabase db) throws Exception {
        CliRun cli = cli(db, "hist_badcp");
        CliRun.Result missing = cli.run("migrate", "status", "--classpath", "nowhere.jar").exit(3);
        assertThat(missing.err()).contains("'migrations.classpath' (flag): " + dir.resolve("nowhere.jar") + " does not exist");

        Path unregistered = Files.createDirectories(dir.resolve("empty-classes"));
        CliRun.Result none = cli.run("migrate", "status", "--classpath", unregistered.toString(), "--json").ok();
        assertThat(none.err()).contains("warning: no Java migrations in [" + unregistered + "]");
        assertThat(none.json().get("pending")).isEqualTo(List.of("1", "2"));

        Path broken = Files.createDirectories(dir.resolve("broken/META-INF/services"));
        Files.writeString(broken.resolve("dev.kysera.migrations.Migration"), "jm.Absent\n");
        CliRun.Result absent = cli.run("migrate", "up", "--classpath", dir.resolve("broken").toString()).exit(3);
        assertThat(absent.err()).contains("Cannot load the Java migrations of [" + dir.resolve("broken") + "]", "jm.Absent");
        assertThat(SchemaTools.of(db.dsl()).tableExists("cli_authors")).isFalse();
    }
    /** {@code create --java}: the template compiles at -Werror, refuses to run until written, and once written migrates up and down. */
    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void create_java_writes_a_registered_template_that_compiles_and_runs_once_written(TestDatabase db) throws Exception {
        CliRun cli = cli(db, "hist_template");
        Map<String, Object> created = cli.run("migrate", "create", "add customers", "--java", "-p", "com.acme.migrations", "--json").ok().json();
        Path source = dir.resolve("src/main/java/com/acme/migrations/V3__AddCustomers.java");
        assertThat(created).isEqualTo(Map.of("file", source.toString(), "version", "3"));
        Path services = dir.resolve("src/main/resources/META-INF/services/dev.kysera.migrations.Migration");
        assertThat(Files.readString(services)).isEqualTo("com.acme.migrations.V3__AddCustomers\n");
        // The template counts for numbering before it is compiled.
        assertThat(cli.run("migrate", "create", "more", "--json").ok().json().get("version")).isEqualTo("4");
        Files.delete(dir.resolve("migrations/V4__more.sql"));
        assertThat(cli.run("migrate", "create", "add customers", "--java", "--at", "3", "-p", "com.acme.migrations").exit(ExitCode.FAILED)
                .err()).contains(source + " already exists");
        assertThat(cli.run("migrate", "create", "x", "--java").exit(ExitCode.USAGE).err()).contains("--package");

        Path classes = compile(services);
        CliRun.Result unwritten = cli.run("migrate", "up", "--classpath", classes.toString()).exit(ExitCode.FAILED);
        assertThat(unwritten.err()).contains("migration 3 (add customers): write its up step");
        assertThat(db.dsl().fetch("select version from hist_template where success order by installed_rank").map(r -> r.get(0, String.class)))
                .as("each migration is its own transaction: 1 and 2 applied, the unwritten 3 is not").containsExactly("1", "2");

        String template = Files.readString(source);
        Files.writeString(source, template
                .replace("throw new UnsupportedOperationException(\"migration 3 (add customers): write its \" + \"up step\");",
                        "context.dsl().createTable(\"cli_customers\").column(\"id\", org.jooq.impl.SQLDataType.INTEGER.notNull()).primaryKey(\"id\").execute();")
                .replace("throw new UnsupportedOperationException(\"migration 3 (add customers): write its \" + \"down step\");",
                        "context.dsl().dropTable(\"cli_customers\").execute();"));
        assertThat(Files.readString(source)).doesNotContain("UnsupportedOperationException(");
        classes = compile(services);
        CliRun written = cli.env("KYSERA_MIGRATIONS_CLASSPATH", classes.toString());
        assertThat(CliRun.list(written.run("migrate", "up", "--json").ok().json().get("applied"))).extracting(m -> m.get("version") + " " + m.get("name"))
                .containsExactly("3 add customers");
        assertThat(SchemaTools.of(db.dsl()).tableExists("cli_customers")).isTrue();
        assertThat(db.dsl().fetch("select version, type from hist_template order by installed_rank").map(r -> r.get(0, String.class) + ":"
                + r.get(1, String.class))).containsExactly("1:SQL", "2:SQL", "3:JAVA");
        assertThat(CliRun.list(written.run("migrate", "down", "--json").ok().json().get("reverted"))).extracting(m -> m.get("version"))
                .containsExactly("3");
        assertThat(SchemaTools.of(db.dsl()).tableExists("cli_customers")).isFalse();
        written.run("migrate", "down", "--to", "0").ok();
        assertThat(SchemaTools.of(db.dsl()).tableExists("cli_authors")).as("the other tests' tables are left as found").isFalse();
    }

    /** Compiles {@code src/main/java} into a fresh class directory with the service registration beside it. */
    private Path compile(Path services) throws Exception {
        Path classes = Files.createTempDirectory(dir, "classes");
        JavaSources.compile(dir.resolve("src/main/java"), classes);
        Path registered = Files.createDirectories(classes.resolve("META-INF/services")).resolve(services.getFileName());
        Files.copy(services, registered);
        return classes;
    }
}
