package dev.kysera.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** Literals become {@code ?}, exactly, following each dialect's quoting; nothing else changes. */
class SqlSanitizerTest {

    @Test
    void strings_and_numbers_become_markers_and_the_rest_is_kept() {
        assertThat(SqlSanitizer.sanitize("select id, 'x' from t where name = 'O''Brien' and id > 42 and r < -1.5e3 and k = ?  -- tail",
                SQLDialect.SQLITE)).isEqualTo("select id, ? from t where name = ? and id > ? and r < -? and k = ?  -- tail");
        assertThat(SqlSanitizer.sanitize("select * from t2 where \"col1\" = 1 and `x 2` = 2 and n is null and b = true",
                SQLDialect.H2)).isEqualTo("select * from t2 where \"col1\" = ? and `x 2` = ? and n is null and b = true");
        String none = "select \"users\".\"id\" from \"users\" where \"users\".\"email\" = ?";
        assertThat(SqlSanitizer.sanitize(none, SQLDialect.POSTGRES)).isSameAs(none);
    }

    @Test
    void quotes_in_comments_and_identifiers_never_start_a_literal() {
        assertThat(SqlSanitizer.sanitize("select /* it's 5 */ \"it's\" from t -- don't\nwhere a = 'b' # 'c'\n", SQLDialect.POSTGRES))
                .isEqualTo("select /* it's 5 */ \"it's\" from t -- don't\nwhere a = ? # ?\n");
        // On MariaDB # starts a comment, double quotes delimit strings and a backslash escapes a quote.
        assertThat(SqlSanitizer.sanitize("select `it's` from t where a = 'it\\'s' and b = \"x\\\"y\" # 'c'\n", SQLDialect.MARIADB))
                .isEqualTo("select `it's` from t where a = ? and b = ? # 'c'\n");
        // Elsewhere a backslash is an ordinary character: 'a\' is a complete literal.
        assertThat(SqlSanitizer.sanitize("select 'a\\' from t where b = 'c'", SQLDialect.SQLITE)).isEqualTo("select ? from t where b = ?");
    }

    @Test
    void postgres_escape_strings_dollar_quotes_and_markers() {
        assertThat(SqlSanitizer.sanitize("select E'it\\'s', $$a 'b' $c$$, $tag$x$$y$tag$, $1, x::int from t where a = e'q'",
                SQLDialect.POSTGRES)).isEqualTo("select ?, ?, ?, $1, x::int from t where a = ?");
        assertThat(SqlSanitizer.sanitize("select U&'d\\0061t', B'101', X'ff' from t", SQLDialect.POSTGRES))
                .isEqualTo("select U&?, ?, ? from t");
    }

    @Test
    void type_sizes_are_kept_and_function_arguments_are_not() {
        assertThat(SqlSanitizer.sanitize("select cast(? as varchar(255)), cast(12 as decimal(10, 2)), ?::numeric(8,3), char(65) from t",
                SQLDialect.POSTGRES)).isEqualTo("select cast(? as varchar(255)), cast(? as decimal(10, 2)), ?::numeric(8,3), char(?) from t");
        assertThat(SqlSanitizer.sanitize("create table t (name varchar(100), n numeric(5) default 7)", SQLDialect.H2))
                .isEqualTo("create table t (name varchar(100), n numeric(5) default ?)");
        assertThat(SqlSanitizer.sanitize("select 0x1F, 0xff + 1 from t limit 10 offset 20", SQLDialect.MARIADB))
                .isEqualTo("select ?, ? + ? from t limit ? offset ?");
    }

    @Test
    void an_unterminated_literal_is_replaced_to_the_end() {
        assertThat(SqlSanitizer.sanitize("select 'secret and more", SQLDialect.H2)).isEqualTo("select ?");
        assertThat(SqlSanitizer.sanitize("select $$secret", SQLDialect.POSTGRES)).isEqualTo("select ?");
        assertThat(SqlSanitizer.sanitize("", SQLDialect.SQLITE)).isEmpty();
        assertThatThrownBy(() -> SqlSanitizer.sanitize(null, SQLDialect.SQLITE)).isInstanceOf(NullPointerException.class);
    }
}
