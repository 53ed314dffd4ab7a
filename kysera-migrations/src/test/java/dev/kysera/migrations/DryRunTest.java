package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;

/** A dry run shows exactly what up and down then send, and changes nothing. */
class DryRunTest {

    @MatrixTest
    void dry_run_sql_equals_what_up_and_down_execute(TestDatabase db) {
        Fixture f = new Fixture(db);
        Path dir = Fixture.sqlDirectory("V4__index.sql", "-- kysera:up\ncreate index " + f.prefix + "_email on " + f.users
                + " (email);\n-- kysera:down\ndrop index " + f.prefix + "_email" + (db.engine().name().equals("MARIADB") ? " on " + f.users : "") + ";\n");
        Migrator migrator = Migrator.create(f.config(f.createUsers(), f.seedUsers(), f.addNameReversible())
                .source(MigrationSources.directory(dir)).build());

        MigrationResult planned = migrator.dryRunUp(UpTarget.all());

        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.versions()).extracting(MigrationVersion::toString).containsExactly("1", "2", "3", "4");
        assertThat(planned.runs().get(1).statements()).singleElement()
                .satisfies(s -> assertThat(s.bindValues()).containsExactly(1, "ann@example.com", 2, "bob@example.com"));
        assertThat(planned.runs().get(3).statements()).extracting(SqlStatement::sql)
                .containsExactly("create index " + f.prefix + "_email on " + f.users + " (email)");
        assertThat(planned.script()).startsWith("-- up 1: create users\n").contains("-- up 4: index\n");
        // nothing happened
        assertThat(f.tableExists(f.users)).isFalse();
        assertThat(f.tableExists(f.history)).isFalse();

        MigrationResult executed = migrator.up();
        assertThat(executed.statements()).isEqualTo(planned.statements());
        assertThat(executed.script()).isEqualTo(planned.script());

        MigrationResult plannedDown = migrator.dryRunDown(DownTarget.steps(2));
        assertThat(plannedDown.versions()).extracting(MigrationVersion::toString).containsExactly("4", "3");
        assertThat(f.historyRows()).hasSize(4);
        assertThat(migrator.down(DownTarget.steps(2)).statements()).isEqualTo(plannedDown.statements());
    }
}
