package dev.kysera.micrometer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** server.address and server.port come from the JDBC URL; embedded databases have none. */
class TargetsTest {

    @Test
    void network_urls() {
        assertThat(Targets.server("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", SQLDialect.POSTGRES))
                .isEqualTo(new Targets.Server("127.0.0.1", 5432));
        assertThat(Targets.server("jdbc:postgresql://DB.Example.com/shop", SQLDialect.POSTGRES))
                .isEqualTo(new Targets.Server("db.example.com", 5432));
        assertThat(Targets.server("jdbc:mariadb://db:3307/shop?user=root", SQLDialect.MARIADB)).isEqualTo(new Targets.Server("db", 3307));
        assertThat(Targets.server("jdbc:mysql://app:secret@mysql.local/shop", SQLDialect.MYSQL))
                .isEqualTo(new Targets.Server("mysql.local", 3306));
        assertThat(Targets.server("jdbc:postgresql://[::1]:5433/db", SQLDialect.POSTGRES)).isEqualTo(new Targets.Server("::1", 5433));
        assertThat(Targets.server("jdbc:mariadb://primary:3306,replica:3306/shop", SQLDialect.MARIADB))
                .isEqualTo(new Targets.Server("primary", 3306));
        assertThat(Targets.server("jdbc:h2:tcp://localhost/~/test", SQLDialect.H2)).isEqualTo(new Targets.Server("localhost", 9092));
    }

    @Test
    void embedded_and_unreadable_urls_have_no_server() {
        assertThat(Targets.server("jdbc:sqlite::memory:", SQLDialect.SQLITE)).isNull();
        assertThat(Targets.server("jdbc:sqlite:/tmp/app.db", SQLDialect.SQLITE)).isNull();
        assertThat(Targets.server("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", SQLDialect.H2)).isNull();
        assertThat(Targets.server(null, SQLDialect.POSTGRES)).isNull();
        assertThat(Targets.server("not a url", SQLDialect.POSTGRES)).isNull();
        assertThat(Targets.server("jdbc:postgresql:///db", SQLDialect.POSTGRES)).isNull();
    }

    @Test
    void statement_keywords_are_a_fixed_set() {
        assertThat(Statements.keyword(java.util.List.of("  create table t (id int)"))).isEqualTo("CREATE");
        assertThat(Statements.keyword(java.util.List.of("(select 1)"))).isEqualTo("SELECT");
        assertThat(Statements.keyword(java.util.List.of("frobnicate everything"))).isEqualTo("OTHER");
        assertThat(Statements.keyword(java.util.List.of("/* hint */ select 1"))).isEqualTo("OTHER");
        assertThat(Statements.keyword(java.util.List.of())).isEqualTo("OTHER");
        assertThat(Statements.cut("abcdefghij", 5)).isEqualTo("abcd…");
    }
}
