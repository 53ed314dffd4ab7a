package dev.kysera.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.migrations.ChecksumMismatchException;
import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationException;
import dev.kysera.migrations.MigrationExecutionException;
import dev.kysera.migrations.MigrationInfo;
import dev.kysera.migrations.MigrationState;
import dev.kysera.migrations.MigrationValidationException;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.Migrator;
import dev.kysera.migrations.UpTarget;
import dev.kysera.spring.internal.MigrationFailureAnalyzer;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** kysera-migrations run at startup by the starter, on SQLite and PostgreSQL, with real application contexts. */
class MigrationsTest {

    private static final String FILES = "kysera.migrations.locations=classpath:db/boot-migrations";
    private static final String HISTORY = "kysera.migrations.history-table=boot_history";
    private static final List<String> TABLES = List.of("boot_notes", "boot_kept", "boot_broken", "boot_edited", "boot_history");

    /** Migration 3, a bean: a second note. */
    private static final Migration SECOND_NOTE = Migration.irreversible("3", "second note",
            ctx -> ctx.execute("insert into boot_notes (id, body) values (2, 'from a bean')"));

    /** An application with a bean that reads the migrated table when it is created. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class NotesApp {

        @Bean
        NotesAtStartup notesAtStartup(Executor executor) {
            return new NotesAtStartup(executor.dsl().fetch("select body from boot_notes order by id").getValues(0, String.class));
        }
    }

    /** What {@link NotesApp} read while its context was starting. */
    record NotesAtStartup(List<String> bodies) {
    }

    /** An application that does not touch the database at startup. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlainApp {
    }

    private static void dropTables(TestDatabase db) {
        TABLES.reversed().forEach(t -> db.dsl().dropTableIfExists(t).execute());
    }

    private static ConfigurableApplicationContext start(TestDatabase db, Class<?> app, Map<String, Object> beans, String... properties) {
        return Apps.start(db, app, WebApplicationType.NONE, beans, properties);
    }

    /** What Boot's failure report says of a start that failed: the starter's analyzer, as Boot loads it from spring.factories. */
    private static FailureAnalysis analysis(Throwable startFailure) {
        // Boot's own analyzers want its bean factory or environment as constructor arguments: those are skipped here.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
        assertThat(analyzers).filteredOn(MigrationFailureAnalyzer.class::isInstance).hasSize(1);
        FailureAnalysis analysis = new MigrationFailureAnalyzer().analyze(startFailure);
        assertThat(analysis).as("an analysis of " + startFailure).isNotNull()
                .extracting(FailureAnalysis::getCause).isSameAs(causeOf(startFailure, MigrationException.class));
        return analysis;
    }

    @Test
    void failures_that_are_not_the_migrations_are_left_to_other_analyzers() {
        assertThat(new MigrationFailureAnalyzer().analyze(new IllegalStateException("no", new RuntimeException("deeper")))).isNull();
    }

    private static List<MigrationState> states(Migrator migrator) {
        return migrator.status().migrations().stream().map(MigrationInfo::state).toList();
    }

    private static List<String> notes(TestDatabase db) {
        return db.dsl().fetch("select body from boot_notes order by id").getValues(0, String.class);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void files_and_migration_beans_are_applied_once_before_a_bean_that_reads_the_table(TestDatabase db) {
        dropTables(db);
        try {
            for (int start = 1; start <= 2; start++) {
                try (ConfigurableApplicationContext app = start(db, NotesApp.class, Map.of("secondNote", SECOND_NOTE), FILES, HISTORY)) {
                    assertThat(app.getBean(NotesAtStartup.class).bodies()).containsExactly("from a file", "from a bean");
                    assertThat(states(app.getBean(Migrator.class)))
                            .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
                }
            }
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("boot_history")))).isEqualTo(3);
            assertThat(notes(db)).containsExactly("from a file", "from a bean");
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_failing_migration_prevents_the_start_with_the_migrations_error_as_cause(TestDatabase db) {
        dropTables(db);
        try {
            assertThatThrownBy(() -> start(db, NotesApp.class, Map.of(), "kysera.migrations.locations=classpath:db/boot-failing", HISTORY))
                    .satisfies(e -> {
                        MigrationExecutionException failed = causeOf(e, MigrationExecutionException.class);
                        assertThat(failed.version()).isEqualTo(MigrationVersion.of("2"));
                        assertThat(failed.isPartiallyApplied()).isFalse();
                        FailureAnalysis analysis = analysis(e);
                        assertThat(analysis.getDescription()).startsWith("kysera-migrations stopped the start: " + failed.getMessage());
                        assertThat(analysis.getAction()).isEqualTo("Fix migration 2 (UP). It ran in a transaction that was rolled back, "
                                + "so nothing of it remains: start again once it is fixed.");
                        assertThat(analysis.getCause()).isSameAs(failed);
                    });
            // Transactional DDL: version 1 stays applied, version 2 left nothing behind.
            assertThat(db.dsl().meta().getTables("boot_broken")).isEmpty();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("boot_kept")))).isZero();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("boot_history")))).isEqualTo(1);
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void an_edited_applied_migration_prevents_the_start_with_a_checksum_mismatch(TestDatabase db) {
        dropTables(db);
        try {
            Migration original = Migration.irreversible("1", "edited", ctx -> ctx.execute("create table boot_edited (id integer primary key)"));
            Migration edited = Migration.irreversible("1", "edited",
                    ctx -> ctx.execute("create table boot_edited (id integer primary key, note varchar(10))"));
            start(db, PlainApp.class, Map.of("v1", original), HISTORY).close();

            assertThatThrownBy(() -> start(db, PlainApp.class, Map.of("v1", edited), HISTORY))
                    .satisfies(e -> {
                        assertThat(causeOf(e, ChecksumMismatchException.class).versions()).containsExactly(MigrationVersion.of("1"));
                        assertThat(analysis(e).getAction()).startsWith("Migration 1 was edited after it was applied. Revert the edit");
                    });
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void disabled_runs_nothing_and_creates_no_migrator(TestDatabase db) {
        dropTables(db);
        AtomicInteger ran = new AtomicInteger();
        Migration counted = Migration.irreversible("9", "counted", ctx -> ran.incrementAndGet());
        try (ConfigurableApplicationContext app = start(db, PlainApp.class, Map.of("counted", counted), FILES, HISTORY,
                "kysera.migrations.enabled=false")) {
            assertThatThrownBy(() -> app.getBean(Migrator.class)).isInstanceOf(NoSuchBeanDefinitionException.class);
            assertThat(app.getBean(Executor.class).dsl().fetchValue(DSL.inline(1))).as("the executor still works")
                    .isEqualTo(1);
        }
        assertThat(ran).hasValue(0);
        assertThat(db.dsl().meta().getTables("boot_notes")).isEmpty();
        assertThat(db.dsl().meta().getTables("boot_history")).isEmpty();
    }

    @MatrixTest(only = Engine.SQLITE)
    void validate_mode_refuses_pending_migrations_and_starts_once_they_are_applied(TestDatabase db) {
        dropTables(db);
        try {
            assertThatThrownBy(() -> start(db, PlainApp.class, Map.of(), FILES, HISTORY, "kysera.migrations.mode=validate"))
                    .satisfies(e -> {
                        assertThat(causeOf(e, MigrationValidationException.class).versions())
                                .containsExactly(MigrationVersion.of("1"), MigrationVersion.of("2"));
                        assertThat(analysis(e).getAction()).startsWith("The history and the migrations in the code disagree about 1, 2. "
                                + "With kysera.migrations.mode=validate, apply pending migrations first");
                    });
            assertThat(db.dsl().meta().getTables("boot_notes")).isEmpty();

            start(db, PlainApp.class, Map.of(), FILES, HISTORY).close();
            try (ConfigurableApplicationContext app = start(db, NotesApp.class, Map.of(), FILES, HISTORY, "kysera.migrations.mode=validate")) {
                assertThat(app.getBean(NotesAtStartup.class).bodies()).containsExactly("from a file");
            }
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_strategy_bean_replaces_the_default_run(TestDatabase db) {
        dropTables(db);
        KyseraMigrationStrategy firstOnly = migrator -> migrator.up(UpTarget.toVersion("1"));
        try (ConfigurableApplicationContext app = start(db, NotesApp.class, Map.of("firstOnly", firstOnly), FILES, HISTORY)) {
            assertThat(app.getBean(NotesAtStartup.class).bodies()).isEmpty();
            assertThat(states(app.getBean(Migrator.class))).containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_filesystem_location_is_read_from_its_directory(TestDatabase db) {
        dropTables(db);
        String directory = java.nio.file.Path.of("src/test/resources/db/boot-migrations").toAbsolutePath().toString();
        try (ConfigurableApplicationContext app = start(db, NotesApp.class, Map.of(), "kysera.migrations.locations=filesystem:" + directory,
                HISTORY)) {
            assertThat(app.getBean(NotesAtStartup.class).bodies()).containsExactly("from a file");
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_baseline_adopts_an_existing_database_and_only_later_migrations_run(TestDatabase db) {
        dropTables(db);
        try {
            db.dsl().execute("create table boot_notes (id integer primary key, body varchar(100) not null)");
            try (ConfigurableApplicationContext app = start(db, NotesApp.class, Map.of("secondNote", SECOND_NOTE), FILES, HISTORY,
                    "kysera.migrations.baseline-version=1")) {
                assertThat(app.getBean(NotesAtStartup.class).bodies()).containsExactly("from a file", "from a bean");
                assertThat(states(app.getBean(Migrator.class))).containsExactly(MigrationState.BASELINE,
                        MigrationState.APPLIED, MigrationState.APPLIED);
            }
            // The history is no longer empty: a second start neither baselines again nor re-applies.
            start(db, PlainApp.class, Map.of("secondNote", SECOND_NOTE), FILES, HISTORY, "kysera.migrations.baseline-version=1").close();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("boot_history")))).isEqualTo(3);
        } finally {
            dropTables(db);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_location_that_holds_no_migration_and_bad_properties_prevent_the_start(TestDatabase db) {
        assertThatThrownBy(() -> start(db, PlainApp.class, Map.of(), "kysera.migrations.locations=classpath:db/nowhere", HISTORY))
                .satisfies(e -> assertThat(causeOf(e, InvalidMigrationException.class))
                        .hasMessage("kysera.migrations.locations: classpath:db/nowhere holds no migration"));
        assertThatThrownBy(() -> start(db, PlainApp.class, Map.of(), FILES, "kysera.migrations.history-table=bad-name"))
                .satisfies(e -> assertThat(causeOf(e, IllegalArgumentException.class))
                        .hasMessageStartingWith("Invalid kysera.migrations.* property: historyTable must be"));
        assertThatThrownBy(() -> start(db, PlainApp.class, Map.of(), FILES, "kysera.migrations.mode=validate",
                "kysera.migrations.baseline-version=1"))
                .satisfies(e -> assertThat(causeOf(e, IllegalArgumentException.class)).hasMessageStartingWith(
                        "kysera.migrations.baseline-version=1 is set but kysera.migrations.mode=validate changes nothing"));
        assertThat(db.dsl().meta().getTables("boot_history")).isEmpty();
    }

    @MatrixTest(only = Engine.SQLITE)
    void without_the_default_location_or_migration_beans_nothing_runs(TestDatabase db) {
        dropTables(db);
        try (ConfigurableApplicationContext app = start(db, PlainApp.class, Map.of(), HISTORY)) {
            assertThat(app.getBean(Migrator.class).status().migrations()).isEmpty();
        }
        assertThat(db.dsl().meta().getTables("boot_history")).isEmpty();
    }

    /** The first cause of {@code error} (itself included) of {@code type}. */
    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getName() + " in the causes of " + error, error);
    }
}
