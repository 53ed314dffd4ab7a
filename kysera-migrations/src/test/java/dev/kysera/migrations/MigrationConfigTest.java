package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.dialect.UnsupportedDialectException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** The builder names every bad value; duplicate versions across sources are refused before anything runs. */
class MigrationConfigTest {

    @Test
    void bad_values_are_named() {
        MigrationConfig.Builder b = MigrationConfig.builder();
        assertThatThrownBy(() -> b.historyTable("bad name")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("historyTable").hasMessageContaining("was 'bad name'");
        assertThatThrownBy(() -> b.historySchema("1x")).hasMessageContaining("historySchema").hasMessageContaining("was '1x'");
        assertThatThrownBy(() -> b.lockTimeout(Duration.ZERO)).hasMessageContaining("lockTimeout").hasMessageContaining("was PT0S");
        assertThatThrownBy(() -> b.lockTimeout(Duration.ofDays(2))).hasMessageContaining("was PT48H");
        assertThatThrownBy(() -> b.installedBy(" ")).hasMessageContaining("installedBy").hasMessageContaining("was ' '");
        assertThatThrownBy(() -> b.dialect(SQLDialect.DEFAULT)).isInstanceOf(UnsupportedDialectException.class);
        assertThatThrownBy(b::build).isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("dataSource");
    }

    @MatrixTest
    void defaults_detection_and_duplicates(TestDatabase db) {
        assertThatThrownBy(() -> MigrationConfig.builder().dataSource(db.dataSource()).build())
                .hasMessageContaining("at least one migration source");
        Fixture f = new Fixture(db);
        MigrationConfig detected = MigrationConfig.builder().dataSource(db.dataSource()).migrations(f.createUsers()).build();
        assertThat(detected.dialect()).isEqualTo(db.dialect().family());
        assertThat(detected.historyTable()).isEqualTo("kysera_schema_history");
        assertThat(detected.lockTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(detected.toBuilder().build().toString()).isEqualTo(detected.toString());

        Migrator duplicated = Migrator.create(f.config(f.createUsers())
                .source(MigrationSources.directory(Fixture.sqlDirectory("V1__again.sql", "-- kysera:up\nselect 1;"))).build());
        assertThatThrownBy(duplicated::up).isExactlyInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("Duplicate migration version 1");
        assertThat(f.tableExists(f.history)).isFalse();
    }
}
