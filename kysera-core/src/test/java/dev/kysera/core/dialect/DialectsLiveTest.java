package dev.kysera.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Dialect detection and the current-timestamp expression against the real databases of the matrix. */
class DialectsLiveTest {

    @MatrixTest
    void the_url_the_metadata_and_the_context_agree_on_each_engine(TestDatabase db) throws Exception {
        SQLDialect expected = db.engine().dialect();
        assertThat(Dialects.fromJdbcUrl(db.jdbcUrl())).isEqualTo(expected);
        assertThat(Dialects.fromDataSource(db.dataSource())).isEqualTo(expected);
        try (Connection connection = db.newConnection()) {
            assertThat(Dialects.fromConnection(connection)).isEqualTo(expected);
            assertThat(Dialects.fromMetaData(connection.getMetaData())).isEqualTo(expected);
        }
        assertThat(Dialects.detectServer(db.dsl())).isEqualTo(expected);
        assertThat(Dialects.requireMatchingServer(db.dsl())).isEqualTo(expected);
        assertThat(Dialects.capabilities(expected).family()).isEqualTo(expected);
    }

    @MatrixTest(only = Engine.MARIADB)
    void a_mariadb_server_behind_a_mysql_url_is_recognised_from_its_metadata(TestDatabase db) throws Exception {
        String mysqlUrl = db.jdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:")
                + (db.jdbcUrl().contains("?") ? "&" : "?") + "permitMysqlScheme";
        assertThat(Dialects.fromJdbcUrl(mysqlUrl)).isEqualTo(SQLDialect.MYSQL);
        try (Connection connection = java.sql.DriverManager.getConnection(mysqlUrl)) {
            assertThat(connection.getMetaData().getDatabaseProductVersion()).containsIgnoringCase("mariadb");
            assertThat(Dialects.fromConnection(connection)).isEqualTo(SQLDialect.MARIADB);
        }
        DSLContext misconfigured = DSL.using(db.dataSource(), SQLDialect.MYSQL);
        assertThatThrownBy(() -> Dialects.requireMatchingServer(misconfigured))
                .isInstanceOf(UnsupportedDialectException.class)
                .hasMessageContaining("configured for MYSQL but the server is MARIADB")
                .hasMessageContaining("SQLDialect.MARIADB");
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_context_configured_for_the_wrong_database_is_caught(TestDatabase db) {
        assertThatThrownBy(() -> Dialects.requireMatchingServer(DSL.using(db.dataSource(), SQLDialect.POSTGRES)))
                .isInstanceOf(UnsupportedDialectException.class)
                .hasMessageContaining("configured for POSTGRES but the server is SQLITE");
    }

    @MatrixTest
    void current_timestamp_is_now_on_each_engine(TestDatabase db) {
        OffsetDateTime now = db.dsl().select(Dialects.currentTimestamp(db.dialect())).fetchOne(0, OffsetDateTime.class);
        assertThat(now).isNotNull();
        assertThat(now.toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        // usable in a statement too: compare it with a bound value on the database side
        assertThat(db.dsl().fetchValue(DSL.select(DSL.when(
                Dialects.currentTimestamp(db.dialect()).isNotNull(), DSL.inline(1)).otherwise(DSL.inline(0))))).isEqualTo(1);
    }

    @MatrixTest(only = Engine.MARIADB)
    void mariadb_current_timestamp_ignores_the_session_time_zone(TestDatabase db) throws Exception {
        try (Connection connection = db.newConnection()) {
            DSLContext one = DSL.using(connection, SQLDialect.MARIADB);
            one.execute("set time_zone = '+05:00'");
            OffsetDateTime ours = one.select(Dialects.currentTimestamp(SQLDialect.MARIADB)).fetchOne(0, OffsetDateTime.class);
            assertThat(ours.toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
            // the trap it avoids: CURRENT_TIMESTAMP is the zone-less wall time of the session zone
            LocalDateTime wall = one.select(DSL.field("current_timestamp(6)", LocalDateTime.class)).fetchOne(0, LocalDateTime.class);
            assertThat(wall.toInstant(ZoneOffset.UTC)).isCloseTo(Instant.now().plus(5, ChronoUnit.HOURS), within(5, ChronoUnit.SECONDS));
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void sqlite_current_timestamp_is_iso_8601_utc_text_with_milliseconds(TestDatabase db) {
        String raw = db.dsl().resultQuery("select {0}", Dialects.currentTimestamp(SQLDialect.SQLITE)).fetchOne(0, String.class);
        assertThat(raw).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }
}
