package dev.kysera.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.kysera.testing.internal.DatabaseServers;
import dev.kysera.testing.internal.Leftovers;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leftovers of killed test JVMs — PostgreSQL schemas, MariaDB databases, SQLite files named
 * {@code kt_<epoch>_<hex>} — are dropped once older than six hours; younger ones and other names stay.
 */
class LeftoversTest {

    private static final Instant NOW = Instant.now();

    private static String name(Duration age) {
        return "kt_" + NOW.minus(age).getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void namesTellTheirAge() {
        String old = "kt_" + NOW.minus(Duration.ofHours(7)).getEpochSecond() + "_0123abcd";
        assertThat(Leftovers.createdAt(old)).contains(Instant.ofEpochSecond(NOW.minus(Duration.ofHours(7)).getEpochSecond()));
        assertThat(Leftovers.isStale(old, NOW, Leftovers.MAX_AGE)).isTrue();
        assertThat(Leftovers.isStale(name(Duration.ofHours(5)), NOW, Leftovers.MAX_AGE)).isFalse();
        for (String other : List.of("kt_manual", "kt_12_XYZ", "kt_1_0123abcd_x", "app_1_0123abcd", "KT_1_0123abcd", "public")) {
            assertThat(Leftovers.createdAt(other)).as(other).isEmpty();
            assertThat(Leftovers.isStale(other, NOW, Leftovers.MAX_AGE)).as(other).isFalse();
        }
    }

    @Test
    void sqliteFilesOlderThanTheBoundAreDeletedWithTheirJournals(@TempDir Path directory) throws Exception {
        String old = name(Duration.ofHours(7));
        String young = name(Duration.ofHours(1));
        for (String file : List.of(old + ".db", old + ".db-wal", old + ".db-journal", young + ".db", "kt_other.db", old + ".txt")) {
            Files.writeString(directory.resolve(file), "x");
        }
        assertThat(Leftovers.deleteFiles(directory, NOW, Leftovers.MAX_AGE)).containsExactly(old + ".db", old + ".db-journal", old + ".db-wal");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(young + ".db", "kt_other.db", old + ".txt");
        }
        assertThat(Leftovers.deleteFiles(directory.resolve("absent"), NOW, Leftovers.MAX_AGE)).isEmpty();
    }

    @EngineFixture
    @KyseraTest
    static class SqliteFixture {
        @DatabaseTest(Database.SQLITE)
        void opens(org.jooq.DSLContext dsl) {
            assertThat(dsl.fetchValue("select 1")).isEqualTo(1);
        }
    }

    private static java.util.Map<String, String> maxAge(String value) {
        return java.util.Map.of(DatabaseServers.LEFTOVER_MAX_AGE, value);
    }

    @Test
    void theAgeIsConfigurableAndABadValueFailsNamingTheSetting() throws Exception {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "kysera-testing");
        Files.createDirectories(directory);
        Path twoHoursOld = directory.resolve(name(Duration.ofHours(2)) + ".db");
        Files.writeString(twoHoursOld, "");
        try {
            Kit.runOn(SqliteFixture.class, Database.SQLITE, java.util.Map.of()).assertStatistics(stats -> stats.succeeded(1));
            assertThat(twoHoursOld).as("younger than the default six hours").exists();
            Kit.runOn(SqliteFixture.class, Database.SQLITE, maxAge("PT1H")).assertStatistics(stats -> stats.succeeded(1));
            assertThat(twoHoursOld).as("older than the configured hour").doesNotExist();
        } finally {
            Files.deleteIfExists(twoHoursOld);
        }
        for (String bad : List.of("six hours", "PT0S", "-PT1H")) {
            Kit.runOn(SqliteFixture.class, Database.SQLITE, maxAge(bad)).assertThatEvents().haveExactly(1, finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message("kysera.testing.leftovers.max-age must be a positive ISO-8601 duration such as PT6H, is '" + bad + "'")));
        }
    }

    @Test
    void aDatabaseWithoutServerIsRefused() {
        assertThatThrownBy(() -> Leftovers.dropOnServer(Database.H2, "jdbc:h2:mem:x", NOW, Leftovers.MAX_AGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("H2 has no server to clean");
    }

    @Test
    void anUnreachableServerIsATypedErrorWithThePasswordMasked() {
        assertThatThrownBy(() -> Leftovers.dropOnServer(Database.POSTGRES,
                "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret&connectTimeout=2", NOW, Leftovers.MAX_AGE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("password=***").hasMessageNotContaining("secret");
    }

    private static List<String> existing(TestDatabase outer, List<String> names) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = outer.newConnection(); Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rows = statement.executeQuery(
                        "select count(*) from information_schema.schemata where schema_name = '" + name + "'")) {
                    rows.next();
                    if (rows.getInt(1) == 1) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    private static void create(TestDatabase outer, String name) throws Exception {
        try (Connection connection = outer.newConnection(); Statement statement = connection.createStatement()) {
            statement.execute(outer.engine() == Engine.POSTGRES ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
            // a table inside, so dropping needs CASCADE on PostgreSQL
            statement.execute("CREATE TABLE " + name + ".t (id INT)");
        }
    }

    private static void drop(TestDatabase outer, String name) throws Exception {
        try (Connection connection = outer.newConnection(); Statement statement = connection.createStatement()) {
            statement.execute(outer.engine() == Engine.POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void staleSchemasAndDatabasesOnAServerAreDropped(TestDatabase outer) throws Exception {
        Database database = outer.engine() == Engine.POSTGRES ? Database.POSTGRES : Database.MARIADB;
        String old = name(Duration.ofHours(7));
        String young = name(Duration.ofHours(1));
        String other = "kt_keep_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> all = List.of(old, young, other);
        try {
            for (String name : all) {
                create(outer, name);
            }
            assertThat(existing(outer, all)).containsExactlyElementsOf(all);
            assertThat(Leftovers.dropOnServer(database, outer.jdbcUrl(), NOW, Leftovers.MAX_AGE)).contains(old).doesNotContain(young, other);
            assertThat(existing(outer, all)).containsExactly(young, other);
            assertThat(existing(outer, List.of(outer.isolationName()))).as("the live isolated database").hasSize(1);
        } finally {
            for (String name : all) {
                drop(outer, name);
            }
        }
    }

    @EngineFixture
    @KyseraTest
    static class Fixture {
        @OnAllDatabases
        void runs(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchValue(DSL.inline(1))).isEqualTo(1);
        }
    }

    /** The matrix does it by itself when a run first uses a server (the build's, configured as for the other fixtures). */
    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void theMatrixDropsStaleLeftoversWhenARunFirstUsesTheServer(TestDatabase outer) throws Exception {
        Database database = outer.engine() == Engine.POSTGRES ? Database.POSTGRES : Database.MARIADB;
        assertThat(Kit.serverConfiguration()).as("the build's server is the fixture's").containsKey(database.urlParameter());
        String old = name(Duration.ofHours(8));
        String young = name(Duration.ofMinutes(5));
        try {
            create(outer, old);
            create(outer, young);
            Kit.runOn(Fixture.class, database).assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(existing(outer, List.of(old, young))).containsExactly(young);
        } finally {
            drop(outer, old);
            drop(outer, young);
        }
    }

    @Test
    void theMatrixDeletesStaleSqliteFilesWhenARunFirstOpensSqlite() throws Exception {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "kysera-testing");
        Files.createDirectories(directory);
        Path old = directory.resolve(name(Duration.ofHours(9)) + ".db");
        Path young = directory.resolve(name(Duration.ofMinutes(1)) + ".db");
        try {
            Files.writeString(old, "x");
            Files.writeString(young, "x");
            Kit.runOn(Fixture.class, Database.SQLITE).assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(old).doesNotExist();
            assertThat(young).exists();
        } finally {
            Files.deleteIfExists(old);
            Files.deleteIfExists(young);
        }
    }
}
