package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.impl.SQLDataType;

/** Edited applied migrations are detected; repair records the new checksum on purpose. */
class ChecksumTest {

    @MatrixTest
    void an_edited_sql_migration_is_a_checksum_mismatch_until_repaired(TestDatabase db) throws Exception {
        Fixture f = new Fixture(db);
        Path dir = Fixture.sqlDirectory(
                "V1__create_users.sql", "-- kysera:up\ncreate table " + f.users + " (id int primary key, email varchar(100));\n"
                        + "-- kysera:down\ndrop table " + f.users + ";\n",
                "V2__seed.sql", "-- kysera:up\ninsert into " + f.users + " (id, email) values (1, 'ann@example.com');\n");
        Migrator migrator = Migrator.create(f.config().source(MigrationSources.directory(dir)).build());
        assertThat(migrator.up().versions()).hasSize(2);
        assertThat(f.historyRows()).containsExactly("1|create users|SQL|sum|tester|true", "2|seed|SQL|sum|tester|true");

        // comments between statements and the down section are not covered: no mismatch
        Files.writeString(dir.resolve("V1__create_users.sql"), "-- the users\n-- kysera:up\n-- a comment\ncreate table " + f.users
                + " (id int primary key, email varchar(100));\n\n-- kysera:down\ndrop table if exists " + f.users + ";\n");
        assertThat(migrator.validate().pending()).isEmpty();

        // what up runs changed: a typed error from up and validate, CHANGED in status
        Files.writeString(dir.resolve("V2__seed.sql"), "-- kysera:up\ninsert into " + f.users + " (id, email) values (1, 'bob@example.com');\n");
        ChecksumMismatchException mismatch = catchThrowableOfType(ChecksumMismatchException.class, migrator::up);
        assertThat(mismatch.versions()).containsExactly(MigrationVersion.of("2"));
        assertThat(mismatch.code()).isEqualTo("MIGRATION_CHECKSUM_MISMATCH");
        assertThat(catchThrowableOfType(ChecksumMismatchException.class, migrator::validate).versions())
                .containsExactly(MigrationVersion.of("2"));
        assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.CHANGED);

        RepairResult repair = migrator.repair();
        assertThat(repair.realigned()).containsExactly(MigrationVersion.of("2"));
        assertThat(repair.removedFailed()).isEmpty();
        assertThat(migrator.validate().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
        assertThat(f.emails()).containsExactly("ann@example.com"); // repair runs nothing
    }

    @MatrixTest
    void an_edited_java_migration_is_detected_from_the_sql_it_renders(TestDatabase db) {
        Fixture f = new Fixture(db);
        f.migrator(f.createUsers()).up();
        Migration edited = Migration.irreversible("1", "create users", ctx -> ctx.dsl().createTable(f.users)
                .column("id", SQLDataType.BIGINT.notNull()).column("email", SQLDataType.VARCHAR(100).notNull())
                .primaryKey("id").execute());
        assertThat(catchThrowableOfType(ChecksumMismatchException.class, f.migrator(edited)::validate).versions())
                .containsExactly(MigrationVersion.of("1"));

        // a fixed checksum is the author's promise instead
        Migration pinned = new Migration() {
            @Override
            public MigrationVersion version() {
                return MigrationVersion.of("2");
            }

            @Override
            public String name() {
                return "pinned";
            }

            @Override
            public void up(MigrationContext context) {
                context.execute("create table " + f.prefix + "_pinned (id int)");
            }

            @Override
            public java.util.Optional<String> checksum() {
                return java.util.Optional.of("v1");
            }
        };
        f.migrator(f.createUsers(), pinned).up();
        assertThat(db.dsl().fetchValue("select checksum from " + f.history + " where version = '2'")).isEqualTo("v1");
    }
}
