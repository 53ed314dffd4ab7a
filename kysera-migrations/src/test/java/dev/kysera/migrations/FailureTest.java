package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kysera.core.error.DatabaseException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import org.jooq.impl.SQLDataType;

/** A failing migration: rolled back where DDL is transactional, visible and blocking where it is not. */
class FailureTest {

    private static Migration failing(Fixture f) {
        return Migration.irreversible("2", "half done", ctx -> {
            ctx.dsl().createTable(f.prefix + "_partial").column("id", SQLDataType.INTEGER).execute();
            throw new IllegalStateException("boom after the first statement");
        });
    }

    @MatrixTest
    void a_failed_migration_stops_the_run_and_its_state_is_honest(TestDatabase db) {
        Fixture f = new Fixture(db);
        Migration never = Migration.irreversible("3", "never", ctx -> ctx.execute("create table " + f.prefix + "_never (id int)"));
        Migrator migrator = f.migrator(f.createUsers(), failing(f), never);

        MigrationExecutionException failure = catchThrowableOfType(MigrationExecutionException.class, migrator::up);

        assertThat(failure.version()).isEqualTo(MigrationVersion.of("2"));
        assertThat(failure.direction()).isEqualTo(Direction.UP);
        assertThat(failure.code()).isEqualTo("MIGRATION_FAILED");
        assertThat(failure).rootCause().hasMessage("boom after the first statement");
        assertThat(f.tableExists(f.prefix + "_never")).isFalse();
        boolean transactionalDdl = db.engine() == Engine.POSTGRES || db.engine() == Engine.SQLITE;
        if (transactionalDdl) {
            assertThat(failure.isPartiallyApplied()).isFalse();
            assertThat(f.tableExists(f.prefix + "_partial")).isFalse();
            assertThat(f.historyRows()).containsExactly("1|create users|JAVA|sum|tester|true");
        } else {
            // MariaDB and H2 commit DDL implicitly: the first statement stayed, and the history says so
            // (no checksum: this Java migration cannot be dry-run, and it never completed a real run)
            assertThat(failure.isPartiallyApplied()).isTrue();
            assertThat(failure).hasMessageContaining("commits DDL implicitly");
            assertThat(f.tableExists(f.prefix + "_partial")).isTrue();
            assertThat(f.historyRows()).containsExactly("1|create users|JAVA|sum|tester|true", "2|half done|JAVA|-|tester|false");
            assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.APPLIED, MigrationState.FAILED, MigrationState.PENDING);
            PendingRepairException refused = catchThrowableOfType(PendingRepairException.class, migrator::up);
            assertThat(refused.versions()).containsExactly(MigrationVersion.of("2"));
            assertThatThrownBy(migrator::validate).isExactlyInstanceOf(PendingRepairException.class);
            assertThatThrownBy(() -> migrator.down(DownTarget.steps(1))).isExactlyInstanceOf(PendingRepairException.class);

            // the operator restores the schema, then repairs
            db.dsl().dropTable(f.prefix + "_partial").execute();
            assertThat(migrator.repair().removedFailed()).containsExactly(MigrationVersion.of("2"));
            assertThat(f.historyRows()).containsExactly("1|create users|JAVA|sum|tester|true");
        }

        // the fixed migration then applies, and so does the rest
        Migration fixed = Migration.irreversible("2", "half done",
                ctx -> ctx.dsl().createTable(f.prefix + "_partial").column("id", SQLDataType.INTEGER).execute());
        assertThat(f.migrator(f.createUsers(), fixed, never).up().versions())
                .containsExactly(MigrationVersion.of("2"), MigrationVersion.of("3"));
    }

    @MatrixTest
    void a_database_error_arrives_translated(TestDatabase db) {
        Fixture f = new Fixture(db);
        Migration broken = Migration.irreversible("1", "broken", ctx -> ctx.execute("create tabel nonsense (id int)"));
        MigrationExecutionException failure = catchThrowableOfType(MigrationExecutionException.class, f.migrator(broken)::up);
        assertThat(failure.getCause()).isInstanceOf(DatabaseException.class);
    }
}
