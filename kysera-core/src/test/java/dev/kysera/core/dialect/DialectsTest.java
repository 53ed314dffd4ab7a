package dev.kysera.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.dialect.DialectCapabilities.SchemaModel;
import dev.kysera.core.dialect.DialectCapabilities.UpsertStyle;
import dev.kysera.core.error.BadRequestException;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialectsTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://db.example.com:5432/app?user=x&password=secret, POSTGRES",
        "jdbc:mariadb://127.0.0.1:3306/test?user=root, MARIADB",
        "jdbc:mysql://127.0.0.1:3306/test, MYSQL",
        "jdbc:sqlite:/tmp/app.db?foreign_keys=on, SQLITE",
        "jdbc:sqlite::memory:, SQLITE",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, H2",
        "JDBC:PostgreSQL://host/db, POSTGRES",
        "jdbc:tc:postgresql:16:///db, POSTGRES",
        "jdbc:p6spy:mariadb://host/db, MARIADB",
        "jdbc:otel:h2:mem:x, H2",
    })
    void jdbc_urls_name_their_family(String url, SQLDialect expected) {
        assertThat(Dialects.fromJdbcUrl(url)).isEqualTo(expected);
    }

    @Test
    void sql_server_urls_are_known_but_unsupported_in_the_open_source_edition() {
        assertThatThrownBy(() -> Dialects.fromJdbcUrl("jdbc:sqlserver://host:1433;databaseName=x;password=hunter2"))
                .isInstanceOf(UnsupportedDialectException.class)
                .hasMessageContaining("SQL Server").hasMessageContaining("Open Source Edition")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((UnsupportedDialectException) e).code()).isEqualTo("UNSUPPORTED_DIALECT");
        assertThatThrownBy(() -> Dialects.fromJdbcUrl("jdbc:jtds:sqlserver://host/x")).hasMessageContaining("SQL Server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:oracle:thin:@host:1521:x", "jdbc:derby:memory:x", "postgresql://host/db", "jdbc:", ""})
    void unknown_urls_are_a_typed_error(String url) {
        assertThatThrownBy(() -> Dialects.fromJdbcUrl(url)).isInstanceOf(UnsupportedDialectException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "PostgreSQL, 15.20 (Debian 15.20-0+deb12u1), POSTGRES",
        "MariaDB, 10.11.19-MariaDB-0+deb12u1, MARIADB",
        "MySQL, 5.5.5-10.11.19-MariaDB-0+deb12u1, MARIADB",
        "MySQL, 8.4.3, MYSQL",
        "SQLite, 3.53.4, SQLITE",
        "H2, 2.4.240 (2025-09-22), H2",
    })
    void server_product_names_and_versions_tell_mariadb_from_mysql(String product, String version, SQLDialect expected) {
        assertThat(Dialects.fromProduct(product, version)).isEqualTo(expected);
    }

    @Test
    void unknown_products_are_a_typed_error() {
        assertThatThrownBy(() -> Dialects.fromProduct("Microsoft SQL Server", "16.0"))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("SQL Server");
        assertThatThrownBy(() -> Dialects.fromProduct("Oracle", "23ai"))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("Oracle");
        assertThatThrownBy(() -> Dialects.fromProduct(null, null)).isInstanceOf(UnsupportedDialectException.class);
    }

    @Test
    void the_default_dialect_is_refused_rather_than_guessed() {
        assertThatThrownBy(() -> Dialects.fromContext(DSL.using(SQLDialect.DEFAULT)))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("DEFAULT");
        assertThatThrownBy(() -> Dialects.family(SQLDialect.DERBY))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("DERBY");
        assertThat(Dialects.fromContext(DSL.using(SQLDialect.SQLITE))).isEqualTo(SQLDialect.SQLITE);
        assertThat(Dialects.fromConfiguration(DSL.using(SQLDialect.MARIADB).configuration())).isEqualTo(SQLDialect.MARIADB);
    }

    @Test
    void configured_names() {
        assertThat(Dialects.of("postgresql")).isEqualTo(SQLDialect.POSTGRES);
        assertThat(Dialects.of(" MariaDB ")).isEqualTo(SQLDialect.MARIADB);
        assertThat(Dialects.of("h2")).isEqualTo(SQLDialect.H2);
        assertThatThrownBy(() -> Dialects.of("mssql")).hasMessageContaining("SQL Server");
        assertThatThrownBy(() -> Dialects.of("oracle")).isInstanceOf(UnsupportedDialectException.class);
    }

    @Test
    void capabilities_per_family() {
        DialectCapabilities pg = Dialects.capabilities(SQLDialect.POSTGRES);
        assertThat(pg.upsert()).isEqualTo(UpsertStyle.ON_CONFLICT);
        assertThat(pg.fullOuterJoin()).isTrue();
        assertThat(pg.maxIdentifierLength()).isEqualTo(63);
        assertThat(pg.defaultSchema()).isEqualTo("public");
        DialectCapabilities maria = Dialects.capabilities(SQLDialect.MARIADB);
        assertThat(maria.upsert()).isEqualTo(UpsertStyle.ON_DUPLICATE_KEY);
        assertThat(maria.merge()).isFalse();
        assertThat(maria.fullOuterJoin()).isFalse();
        assertThat(maria.nativeNullsOrdering()).isFalse();
        assertThat(maria.returning()).isTrue();
        assertThat(maria.schemaModel()).isEqualTo(SchemaModel.DATABASES);
        assertThat(maria.defaultSchema()).isNull();
        assertThat(Dialects.capabilities(SQLDialect.MYSQL).returning()).isFalse();
        DialectCapabilities sqlite = Dialects.capabilities(SQLDialect.SQLITE);
        assertThat(sqlite.defaultSchema()).isEqualTo("main");
        assertThat(sqlite.canCreateSchemas()).isFalse();
        DialectCapabilities h2 = Dialects.capabilities(SQLDialect.H2);
        assertThat(h2.upsert()).isEqualTo(UpsertStyle.MERGE);
        assertThat(h2.fullOuterJoin()).isFalse();
        assertThat(h2.defaultSchema()).isEqualTo("PUBLIC");
        assertThatThrownBy(() -> DialectCapabilities.of(SQLDialect.DEFAULT)).isInstanceOf(UnsupportedDialectException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE users", "x' OR 1=1", "a b", "", "1users", "users--", "\"users\"", "us`ers", "tâble"})
    void invalid_identifiers_are_bad_requests(String name) {
        assertThat(Identifiers.isValid(name, SQLDialect.POSTGRES)).isFalse();
        assertThatThrownBy(() -> Identifiers.requireValid(name, SQLDialect.POSTGRES, "table"))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("Invalid table name");
    }

    @Test
    void identifier_length_limits_follow_the_dialect() {
        String name63 = "a".repeat(63);
        String name64 = "a".repeat(64);
        assertThat(Identifiers.requireValid(name63, SQLDialect.POSTGRES, "table")).isEqualTo(name63);
        assertThatThrownBy(() -> Identifiers.requireValid(name64, SQLDialect.POSTGRES, "table"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("63");
        assertThat(Identifiers.isValid(name64, SQLDialect.MARIADB)).isTrue();
        assertThat(Identifiers.isValid("a".repeat(65), SQLDialect.MARIADB)).isFalse();
        assertThat(Identifiers.isValid("_Users_2", SQLDialect.SQLITE)).isTrue();
        assertThatThrownBy(() -> Identifiers.requireValid(null, SQLDialect.H2, "column")).isInstanceOf(BadRequestException.class);
    }
}
