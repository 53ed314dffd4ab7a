package dev.kysera.debug.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class SqlShapesTest {

    @Test
    void literals_markers_and_in_lists_are_normalised() {
        assertThat(SqlShapes.normalise("select * from t where a = 42 and b = 'x' and c in (1, 2, 3) and d = ? -- note\n limit 10",
                SQLDialect.POSTGRES)).isEqualTo("select * from t where a = ? and b = ? and c in (?...) and d = ? limit ?");
        assertThat(SqlShapes.normalise("select * from t where c in (?, ?)", SQLDialect.SQLITE))
                .isEqualTo(SqlShapes.normalise("select * from t where c in (?, ?, ?, ?)", SQLDialect.SQLITE));
    }

    @Test
    void signs_multi_row_values_and_casts_collapse() {
        assertThat(SqlShapes.normalise("select a - 1 from t where x = -5", SQLDialect.H2)).isEqualTo("select a - ? from t where x = ?");
        assertThat(SqlShapes.normalise("insert into t (a, b) values (?, ?), (?, ?), (?, ?)", SQLDialect.H2))
                .isEqualTo("insert into t (a, b) values (?...)");
        assertThat(SqlShapes.normalise("select 1 from t where n in (cast(? as varchar(100)), cast(? as varchar(100)))", SQLDialect.H2))
                .isEqualTo("select ? from t where n in (?...)");
    }

    @Test
    void quoting_follows_the_dialect() {
        // MariaDB: backslash escapes inside strings, so the quote after \' does not end the literal.
        assertThat(SqlShapes.normalise("select `a` from `t` where b = 'it\\'s ''x''' and c = \"d\"", SQLDialect.MARIADB))
                .isEqualTo("select `a` from `t` where b = ? and c = ?");
        // PostgreSQL: "d" is an identifier, E'' strings take backslashes, $$ strings are literals, :: is a cast.
        assertThat(SqlShapes.normalise("select \"a\" from t where b = E'it\\'s' and c = \"d\" and e = $$x y$$ and f = ?::int",
                SQLDialect.POSTGRES)).isEqualTo("select \"a\" from t where b = ? and c = \"d\" and e = ? and f = ?::int");
        // An IN list inside a string stays part of the string.
        assertThat(SqlShapes.normalise("select 'in (1, 2)' from t", SQLDialect.SQLITE)).isEqualTo("select ? from t");
    }

    @Test
    void long_shapes_are_capped_and_stay_distinct() {
        String a = "select " + "x, ".repeat(1_000) + "a from t";
        String b = "select " + "x, ".repeat(1_000) + "b from t";
        String shapeA = SqlShapes.normalise(a, SQLDialect.POSTGRES);
        assertThat(shapeA.length()).isLessThan(SqlShapes.MAX_LENGTH + 20);
        assertThat(shapeA).isNotEqualTo(SqlShapes.normalise(b, SQLDialect.POSTGRES));
    }

    @Test
    void the_cache_returns_the_same_shape() {
        SqlShapes shapes = new SqlShapes();
        for (int i = 0; i < 5_000; i++) {
            assertThat(shapes.shape("select " + i + " from t where a = ?", SQLDialect.SQLITE)).isEqualTo("select ? from t where a = ?");
        }
    }
}
