package dev.kysera.debug;

import static dev.kysera.debug.QueryLogTest.quoted;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import org.jooq.impl.DSL;

/** Values written into the SQL — {@code DSL.inline}, plain SQL — are logged as {@code ?} unless the log keeps them. */
class QueryLogLiteralsTest {

    private static QueryLogOptions.Builder options(Fixtures.Sink sink) {
        return QueryLogOptions.builder().sink(sink).slowThreshold(Duration.ofHours(1));
    }

    @MatrixTest
    void inline_values_are_logged_as_markers_by_default_and_as_written_on_request(TestDatabase db) {
        db.useTestSchema();
        Fixtures.Sink sanitized = new Fixtures.Sink();
        Fixtures.Sink kept = new Fixtures.Sink();
        try (Executor executor = Fixtures.executor(db, options(sanitized).plugin(),
                options(kept).name("kept").sanitizeLiterals(false).plugin())) {
            executor.dsl().select(USERS.ID).from(USERS)
                    .where(USERS.NAME.eq(DSL.inline("O'Brien"))).and(USERS.ID.gt(DSL.inline(987_654_321L))).fetch();
        }
        String template = "select \"users\".\"id\" from \"users\" where (\"users\".\"name\" = %s and \"users\".\"id\" > %s)";
        assertThat(sanitized.only().sql()).containsExactly(quoted(db, template.formatted("?", "?")));
        assertThat(sanitized.only().message()).doesNotContain("Brien").doesNotContain("987654321");
        assertThat(kept.only().sql()).containsExactly(quoted(db, template.formatted(
                "'O''Brien'", "987654321")));
    }

    @MatrixTest
    void plain_sql_literals_are_found_by_the_dialects_quoting_rules(TestDatabase db) {
        db.useTestSchema();
        Fixtures.Sink sanitized = new Fixtures.Sink();
        Fixtures.Sink kept = new Fixtures.Sink();
        String sql = switch (db.engine()) {
            case POSTGRES -> "select 'a''b' as x, $$it's $secret$$ as y, E'c\\'d' as z, 42 as \"n'1\"";
            case MARIADB -> "select 'a\\'b' as x, \"it's secret\" as y, 'c''d' as z, 42 as `n'1`";
            default -> "select 'a''b' as x, 'it''s secret' as y, 'c' as z, 42 as \"n'1\"";
        };
        try (Executor executor = Fixtures.executor(db, options(sanitized).plugin(), options(kept).name("kept").sanitizeLiterals(false).plugin())) {
            assertThat(executor.dsl().fetch(sql)).hasSize(1);
        }
        // The executor parses plain SQL and renders it again in the dialect: names are quoted (or upper-cased) its way.
        String expected = switch (db.engine()) {
            case SQLITE, MARIADB -> "select ? as x, ? as y, ? as z, ? as `n'1`";
            case H2 -> "select ? X, ? Y, ? Z, ? \"n'1\"";
            case POSTGRES -> "select ? as x, ? as y, ? as z, ? as \"n'1\"";
        };
        assertThat(sanitized.only().sql()).containsExactly(expected);
        assertThat(kept.only().sql().getFirst()).contains("secret").contains("42");
    }
}
