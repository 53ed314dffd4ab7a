package dev.kysera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void scripts_split_on_semicolons_at_line_ends_and_drop_comments() {
        String script = "-- header\ncreate table a (x int);\n\ncreate table b (s varchar(5) default ';');\n";
        assertThat(TestDatabase.statements(script))
                .containsExactly("create table a (x int)", "create table b (s varchar(5) default ';')");
    }

    @Test
    void mariadb_urls_get_the_isolated_database_and_keep_their_parameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/test?user=root", "kt_1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/kt_1?user=root");
        assertThat(JdbcUrls.withDatabase("jdbc:mariadb://host", "kt_1")).isEqualTo("jdbc:mariadb://host/kt_1");
    }

    @Test
    void passwords_are_redacted_from_urls_in_messages() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }

    @Test
    void in_ci_an_unconfigured_mariadb_fails_instead_of_being_skipped() {
        var servers = new DatabaseServers(Map.of("CI", "true", DatabaseServers.POSTGRES_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/none"));
        assertThatThrownBy(servers::availableEngines)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POSTGRES is configured at");
    }

    @Test
    void a_configured_but_unreachable_database_fails_loudly() {
        var servers = new DatabaseServers(Map.of(
                DatabaseServers.POSTGRES_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/none",
                DatabaseServers.MYSQL_URL_VARIABLE, "jdbc:mariadb://127.0.0.1:1/none"));
        assertThatThrownBy(servers::availableEngines).hasMessageContaining("unreachable");
    }

    @MatrixTest(only = Engine.POSTGRES)
    void isolated_schemas_left_by_a_crashed_run_are_dropped_and_recent_ones_kept(TestDatabase db) throws Exception {
        String stale = "kt_1000000000_deadbeef";
        String recent = "kt_" + java.time.Instant.now().getEpochSecond() + "_feedface";
        String serverUrl = db.jdbcUrl().replaceAll("[?&]currentSchema=[^&]*", "");
        try (var connection = java.sql.DriverManager.getConnection(serverUrl); var statement = connection.createStatement()) {
            statement.execute("create schema " + stale);
            statement.execute("create schema " + recent);
            new DatabaseServers(Map.of(DatabaseServers.POSTGRES_URL_VARIABLE, serverUrl,
                    DatabaseServers.MYSQL_URL_VARIABLE, "")).availableEngines();
            var schemas = db.dsl().fetch("select schema_name from information_schema.schemata where schema_name in (?, ?)", stale, recent)
                    .getValues(0, String.class);
            assertThat(schemas).containsExactly(recent);
            statement.execute("drop schema " + recent);
        }
    }
}
