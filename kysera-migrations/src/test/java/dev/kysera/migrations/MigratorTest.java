package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;

/** up, down, status, baseline and the history table's exact contents, on every database. */
class MigratorTest {

    @MatrixTest
    void up_applies_pending_migrations_in_version_order_and_records_each(TestDatabase db) {
        Fixture f = new Fixture(db);
        // registered out of order on purpose: the version orders them
        Migrator migrator = f.migrator(f.addName(), f.createUsers(), f.seedUsers());

        MigrationResult result = migrator.up();

        assertThat(result.versions()).extracting(MigrationVersion::toString).containsExactly("1", "2", "3");
        assertThat(result.dryRun()).isFalse();
        assertThat(f.emails()).containsExactly("ann@example.com", "bob@example.com");
        assertThat(f.historyRows()).containsExactly(
                "1|create users|JAVA|sum|tester|true",
                "2|seed users|JAVA|sum|tester|true",
                "3|add name|JAVA|sum|tester|true");
        assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);

        // idempotent: nothing pending, nothing run, history unchanged
        assertThat(migrator.up().runs()).isEmpty();
        assertThat(f.historyRows()).hasSize(3);
    }

    @MatrixTest
    void up_to_a_version_and_by_steps(TestDatabase db) {
        Fixture f = new Fixture(db);
        Migrator migrator = f.migrator(f.createUsers(), f.seedUsers(), f.addName());

        assertThat(migrator.up(UpTarget.toVersion("2")).versions()).extracting(MigrationVersion::toString).containsExactly("1", "2");
        assertThat(migrator.status().pending()).extracting(MigrationVersion::toString).containsExactly("3");
        assertThat(migrator.status().current()).contains(MigrationVersion.of("2"));
        // What only the history knows is there for applied migrations and absent for pending ones.
        List<MigrationInfo> infos = migrator.status().migrations();
        assertThat(infos.get(1).installedBy()).contains("tester");
        assertThat(infos.get(1).installedAt()).isPresent();
        assertThat(infos.get(1).executionTime()).isPresent();
        assertThat(infos.get(1).checksum()).isPresent();
        assertThat(infos.get(2)).isEqualTo(MigrationInfo.unrecorded(MigrationVersion.of("3"), "add name", MigrationState.PENDING));
        assertThat(infos.get(2).installedAt()).isEmpty();
        assertThat(infos.get(2).checksum()).isEmpty();
        assertThatThrownBy(() -> migrator.up(UpTarget.toVersion("9"))).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("No migration has version 9");
        assertThatThrownBy(() -> UpTarget.steps(0)).isExactlyInstanceOf(MigrationPlanException.class);

        assertThat(migrator.up(UpTarget.steps(5)).versions()).extracting(MigrationVersion::toString).containsExactly("3");
        assertThat(f.historyRows()).hasSize(3);
    }

    @MatrixTest
    void down_reverts_newest_first_and_refuses_what_it_cannot_revert(TestDatabase db) {
        Fixture f = new Fixture(db);
        Migrator migrator = f.migrator(f.createUsers(), f.seedUsers(), f.addName());
        migrator.up();

        // v3 has no down step: refused before anything runs
        assertThatThrownBy(() -> migrator.down(DownTarget.steps(1))).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("Cannot revert 3 (add name): it has no down step");
        assertThat(f.historyRows()).hasSize(3);
        assertThatThrownBy(() -> DownTarget.steps(0)).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("DownTarget.toVersion(\"0\")");

        Migrator reversible = f.migrator(f.createUsers(), f.seedUsers(), f.addNameReversible());
        // more steps than applied: refused, nothing reverted
        assertThatThrownBy(() -> reversible.down(DownTarget.steps(4))).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("only 3 migration(s) are applied");
        assertThat(f.historyRows()).hasSize(3);

        // a reversible v3 renders the same up SQL, so its checksum matches the applied irreversible one
        assertThat(reversible.down(DownTarget.steps(2)).versions()).extracting(MigrationVersion::toString).containsExactly("3", "2");
        assertThat(f.historyRows()).containsExactly("1|create users|JAVA|sum|tester|true");
        assertThat(f.emails()).isEmpty();

        assertThat(reversible.down(DownTarget.toVersion("0")).versions()).extracting(MigrationVersion::toString).containsExactly("1");
        assertThat(f.historyRows()).isEmpty();
        assertThat(f.tableExists(f.users)).isFalse();

        // and up again from nothing
        assertThat(reversible.up().versions()).hasSize(3);
    }

    @MatrixTest
    void baseline_adopts_an_existing_database(TestDatabase db) {
        Fixture f = new Fixture(db);
        // the database already has what v1 and v2 would create
        f.migrator(f.createUsers(), f.seedUsers()).up();
        db.dsl().dropTable(f.history).execute();

        Migrator migrator = f.migrator(f.createUsers(), f.seedUsers(), f.addNameReversible());
        migrator.baseline("2");
        assertThat(f.historyRows()).containsExactly("2|baseline|BASELINE|-|tester|true");
        assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.PENDING);

        assertThat(migrator.up().versions()).extracting(MigrationVersion::toString).containsExactly("3");
        assertThatThrownBy(() -> migrator.baseline("3")).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("already has 2 row(s)");
        assertThatThrownBy(() -> migrator.down(DownTarget.toVersion("1"))).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("would pass the baseline 2");
        assertThatThrownBy(() -> migrator.down(DownTarget.steps(2))).isExactlyInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("above the baseline 2");
        assertThat(migrator.down(DownTarget.toVersion("2")).versions()).extracting(MigrationVersion::toString).containsExactly("3");
        assertThat(f.historyRows()).containsExactly("2|baseline|BASELINE|-|tester|true");
    }

    @MatrixTest
    void status_without_a_history_table_creates_nothing(TestDatabase db) {
        Fixture f = new Fixture(db);
        Migrator migrator = f.migrator(f.createUsers());
        assertThat(migrator.status().pending()).containsExactly(MigrationVersion.of("1"));
        assertThat(migrator.validate().migrations()).hasSize(1);
        assertThat(f.tableExists(f.history)).isFalse();
    }

    @MatrixTest
    void an_applied_migration_missing_from_the_code_is_reported(TestDatabase db) {
        Fixture f = new Fixture(db);
        f.migrator(f.createUsers(), f.seedUsers()).up();
        Migrator withoutSeed = f.migrator(f.createUsers());
        assertThat(withoutSeed.status().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.MISSING);
        assertThatThrownBy(withoutSeed::up).isExactlyInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("[2]");
    }

    @MatrixTest
    void out_of_order_migrations_are_refused_unless_allowed(TestDatabase db) {
        Fixture f = new Fixture(db);
        f.migrator(f.createUsers(), f.addNameReversible()).up();
        Migration late = f.seedUsers();
        assertThatThrownBy(() -> f.migrator(f.createUsers(), late, f.addNameReversible()).up())
                .isExactlyInstanceOf(MigrationPlanException.class).hasMessageContaining("[2] are older than the newest applied 3");
        Migrator allowed = Migrator.create(f.config(f.createUsers(), late, f.addNameReversible()).outOfOrder(true).build());
        assertThat(allowed.up().versions()).containsExactly(MigrationVersion.of("2"));
        // down follows the order they were applied in: 2 (applied last) first
        assertThat(allowed.down(DownTarget.steps(1)).versions()).containsExactly(MigrationVersion.of("2"));
        assertThat(f.historyRows()).extracting(s -> s.split("\\|")[0]).isEqualTo(List.of("1", "3"));
    }
}
